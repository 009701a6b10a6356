import type { Database } from '../../db/client';
import {
  finishSlackEvent,
  loadSlackEvent,
  markSlackEventFailed,
  nextInLane,
  noteSlackEventFailure,
} from '../../db/repositories/slack-inbox';
import { dataErrorReason } from '../../db/errors';
import { HandoffError } from '../../errors';
import type { Logger } from '../../logger';
import { buildEventFailed } from '../../slack/blocks/relay-feedback';
import { handlerFor, type SlackEventRouter } from '../../slack/inbox/slack-inbox';
import type { SlackWorkspace } from '../../workspaces/tenancy';
import { readEventEnvelope } from '../../slack/payloads';
import type { JobPayload } from '../definitions';
import type { WorkQueue } from '../work-queue';
import { slackCall } from './slack-call';

export interface SlackEventJobDeps {
  db: Database;
  workspaces: { ofTeam(slackTeamId: string): Promise<SlackWorkspace | null> };
  work: WorkQueue;
  logger: Logger;
  route: SlackEventRouter;
}

// A failure that may go away (Slack or the database away, a busy pool) is tried again, by the job's own
// backoff and then the sweeper, for this long before the event is given up on.
const GIVE_UP_AFTER_MS = 60 * 60_000;

// Handles one stored Slack event. Its handler marks it processed in the transaction of its work; one that
// had nothing to do is marked here. Events of a lane go one at a time, in order: a later one waiting for an
// earlier one is handed on by it.
export async function handleSlackEvent(deps: SlackEventJobDeps, { key }: JobPayload<'handleSlackEvent'>): Promise<void> {
  const entry = await loadSlackEvent(deps.db, key);
  if (!entry || !entry.payload) return;
  if (entry.processedAt) {
    // Handled already, by a run that may have stopped before handing its lane on.
    await handOn(deps, entry.lane, key);
    return;
  }
  if (entry.behindEarlier) return;
  const envelope = readEventEnvelope(entry.payload);
  try {
    if (!envelope.ok) throw new HandoffError('invalid_request', `the stored event is not one Slack sends: ${envelope.problem}`);
    const handler = handlerFor(await deps.route(envelope.value.teamId), envelope.value.type);
    if (handler?.wants(envelope.value.event)) await handler.handle(key, envelope.value.event);
  } catch (err) {
    // Our own coded errors say what went wrong in words a person can act on; anything else stays in the log.
    const why = err instanceof HandoffError ? err.message : 'Handoff hit an error it did not expect';
    const permanent = (err instanceof HandoffError && !err.retryable) || dataErrorReason(err) !== null;
    await noteSlackEventFailure(deps.db, key, (err as Error).message);
    if (!permanent && Date.now() - entry.receivedAt.getTime() < GIVE_UP_AFTER_MS) throw err;
    await markSlackEventFailed(deps.db, key, (err as Error).message);
    deps.logger.error({ err, eventId: key }, 'a Slack event could not be handled');
    if (envelope.ok) await tellAuthor(deps, envelope.value.teamId, envelope.value.event, why);
    await handOn(deps, entry.lane, key);
    return;
  }
  await askFor(deps, await finishSlackEvent(deps.db, key, entry.lane), key);
}

async function handOn(deps: SlackEventJobDeps, lane: string | null, key: string): Promise<void> {
  await askFor(deps, lane ? await nextInLane(deps.db, lane) : null, key);
}

// The next event of the lane, handed on by the one that held it up.
async function askFor(deps: SlackEventJobDeps, next: string | null, after: string): Promise<void> {
  if (next) await deps.work.handOnLane(next, after);
}

// The person whose message or reaction could not be handled hears it privately, where they wrote it.
async function tellAuthor(deps: SlackEventJobDeps, teamId: string | null, event: Record<string, unknown>, why: string): Promise<void> {
  type Raw = { user?: unknown; channel?: unknown; thread_ts?: unknown; item?: { channel?: unknown }; message?: Raw; previous_message?: Raw };
  const e = event as Raw;
  // An edit names its author inside the message it changed, a deletion inside the message it removed.
  const author = [e, e.message, e.previous_message].find((m) => typeof m?.user === 'string');
  const channel = typeof e.channel === 'string' ? e.channel : typeof e.item?.channel === 'string' ? e.item.channel : undefined;
  if (!author || !channel) return;
  const threadTs = author.thread_ts ?? e.thread_ts;
  const message = buildEventFailed(why);
  const workspace = teamId ? await deps.workspaces.ofTeam(teamId).catch(() => null) : null;
  if (!workspace) return;
  await slackCall('telling the person their message failed', () =>
    workspace.slack.chat.postEphemeral({ channel, user: author.user as string, ...(typeof threadTs === 'string' ? { thread_ts: threadTs } : {}), ...message }),
  ).catch((err) => deps.logger.warn({ err }, 'could not tell the person their message failed'));
}
