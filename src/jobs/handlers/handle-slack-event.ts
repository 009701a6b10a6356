import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import {
  claimSlackReceipt,
  earlierInLane,
  loadSlackEvent,
  markSlackEventFailed,
  nextInLane,
  noteSlackEventFailure,
} from '../../db/repositories/slack-inbox';
import { HandoffError } from '../../errors';
import type { Logger } from '../../logger';
import { buildEventFailed } from '../../slack/blocks/relay-feedback';
import type { SlackEventHandlers } from '../../slack/inbox/slack-inbox';
import { readEventEnvelope } from '../../slack/payloads';
import type { JobPayload } from '../definitions';
import type { WorkQueue } from '../work-queue';
import { slackCall } from './slack-call';

export interface SlackEventJobDeps {
  db: Database;
  slack: WebClient;
  work: WorkQueue;
  logger: Logger;
  handlers: SlackEventHandlers;
  maxAttempts: number;
}

// Handles one stored Slack event. Its handler marks it processed in the transaction of its work; one that
// had nothing to do is marked here. Events of a lane go one at a time, in order: a later one waiting for an
// earlier one is handed on by it.
export async function handleSlackEvent(deps: SlackEventJobDeps, { key }: JobPayload<'handleSlackEvent'>): Promise<void> {
  const entry = await loadSlackEvent(deps.db, key);
  if (!entry || entry.processedAt || !entry.payload) return;
  if (entry.lane && (await earlierInLane(deps.db, entry.lane, entry.seq))) return;
  const envelope = readEventEnvelope(entry.payload);
  try {
    if (!envelope.ok) throw new HandoffError('invalid_request', `the stored event is not one Slack sends: ${envelope.problem}`);
    const handler = deps.handlers[envelope.value.type];
    if (handler?.wants(envelope.value.event)) await handler.handle(key, envelope.value.event);
    await claimSlackReceipt(deps.db, key);
  } catch (err) {
    const why = (err as Error).message;
    const permanent = err instanceof HandoffError && !err.retryable;
    if (!permanent && (await noteSlackEventFailure(deps.db, key, why)) < deps.maxAttempts) throw err;
    await markSlackEventFailed(deps.db, key, why);
    deps.logger.error({ err, eventId: key }, 'a Slack event could not be handled');
    if (envelope.ok) await tellAuthor(deps, envelope.value.event, why);
  }
  if (entry.lane) {
    const next = await nextInLane(deps.db, entry.lane);
    if (next) await deps.work.handleSlackEvent(next, `after-${key}`);
  }
}

// The person whose message or reaction could not be handled hears it privately, where they wrote it.
async function tellAuthor(deps: SlackEventJobDeps, event: Record<string, unknown>, why: string): Promise<void> {
  const e = event as { user?: unknown; channel?: unknown; thread_ts?: unknown; item?: { channel?: unknown } };
  const channel = typeof e.channel === 'string' ? e.channel : typeof e.item?.channel === 'string' ? e.item.channel : undefined;
  if (typeof e.user !== 'string' || !channel) return;
  const message = buildEventFailed(why);
  await slackCall('telling the person their message failed', () =>
    deps.slack.chat.postEphemeral({ channel, user: e.user as string, ...(typeof e.thread_ts === 'string' ? { thread_ts: e.thread_ts } : {}), ...message }),
  ).catch((err) => deps.logger.warn({ err }, 'could not tell the person their message failed'));
}
