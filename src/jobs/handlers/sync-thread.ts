import type { WebClient } from '@slack/web-api';
import type { WorkspaceClients } from '../../workspaces/tenancy';
import type { Database } from '../../db/client';
import { clearMovedFrom } from '../../db/repositories/alert-moves';
import { customerName, loadThreadSnapshot } from '../../db/repositories/conversations';
import {
  claimThreadLease,
  markThreadPostPosted,
  pauseThread,
  type ThreadPostRow,
  recordRootMessage,
  releaseThreadLease,
  renewThreadLease,
} from '../../db/repositories/thread-posts';
import { HandoffError } from '../../errors';
import { alertGoneReason, SlackCallError } from '../../slack/errors';
import { buildAlertMessage } from '../../slack/blocks/alert-message';
import { agentMessageBody, suggestionBody, threadMessagesFor, threadPostTime } from '../../slack/thread-post-content';
import type { JobPayload } from '../definitions';
import { buildAlertMovedLink } from '../../slack/blocks/alert-moved';
import type { Logger } from '../../logger';
import { postedAs, postedAsCustomer } from '../../slack/blocks/thread-posts';
import { recordAgentMessagePosted } from '../../db/repositories/agent-replies';
import { recordSuggestionShown, suggestionsShownStale } from '../../db/repositories/suggestions';
import { buildSuggestionPost, type SuggestionView } from '../../slack/blocks/suggestion-post';
import { updating } from '../../slack/pacing/slack-paces';
import type { WorkQueue } from '../work-queue';
import { movingWhenGone } from './alert-gone';
import { findMarkedPosts, postMark } from './post-marks';
import type { SlackPacer } from '../../slack/pacing/slack-pacer';
import { postingIn } from '../../slack/pacing/slack-paces';
import { paced, pacedSlackCall, slackCall } from './slack-call';
import { requestWork } from '../../services/request-work';

export interface SlackJobDeps {
  db: Database;
  workspaces: WorkspaceClients;
  pacer: SlackPacer;
  work: WorkQueue;
  logger: Logger;
  graceSeconds: number;
}

// A crashed worker's lease runs out after this, and the thread waits that long before another worker picks it
// up; a live worker renews it as it goes, so a long burst of posts keeps it.
const LEASE_MS = 30_000;

// What a job holding a thread has done that Slack may know and PostgreSQL not yet: after a crash, or an
// error between a post and its record, the next holder must read the thread back first.
class ThreadHold {
  unrecorded: boolean;

  constructor(
    private readonly db: Database,
    private readonly conversationId: string,
    private held: Date,
    readonly recovering: boolean,
  ) {
    this.unrecorded = recovering;
  }

  // Called after each post is recorded: keeps the lease while work remains, or stops if it was lost.
  async recorded(): Promise<void> {
    this.unrecorded = false;
    if (this.held.getTime() - Date.now() > LEASE_MS / 2) return;
    const renewed = await renewThreadLease(this.db, this.conversationId, this.held, LEASE_MS);
    if (!renewed) throw new HandoffError('busy', 'the thread lease ran out and another worker took the thread');
    this.held = renewed;
  }

  release(): Promise<void> {
    return releaseThreadLease(this.db, this.conversationId, this.held, this.unrecorded);
  }
}

// A post Slack answered with an error (or a 429) was not taken: nothing is left to find.
function refusedBySlack(err: unknown): boolean {
  return err instanceof SlackCallError && err.slackError !== undefined;
}

function rateLimited(err: unknown): err is SlackCallError {
  return err instanceof SlackCallError && err.slackError === 'ratelimited';
}

export async function syncThread(deps: SlackJobDeps, { conversationId }: JobPayload<'syncThread'>): Promise<void> {
  const { db } = deps;
  const lease = await claimThreadLease(db, conversationId, LEASE_MS);
  if (!lease.claimed) {
    const waitSeconds = lease.pausedUntil ? (lease.pausedUntil.getTime() - Date.now()) / 1000 : undefined;
    throw new HandoffError('busy', 'another worker is posting to this thread, or Slack asked to wait', [], waitSeconds);
  }
  const hold = new ThreadHold(db, conversationId, lease.until, lease.recovering);
  try {
    const loaded = await loadThreadSnapshot(db, conversationId);
    if (!loaded) throw new HandoffError('conversation_not_found', `conversation ${conversationId} is gone`);
    const slack = await deps.workspaces.slackFor(loaded.row.workspaceId);
    await movingWhenGone(deps, loaded.row, () => postPending(deps, slack, loaded, hold));
  } catch (err) {
    // The channel's pace already holds every worker off; the pause also stops this thread's other jobs
    // before they load anything. A wait for the pace itself is not Slack's refusal and pauses nothing.
    if (rateLimited(err) && err.retryAfterSeconds !== undefined) {
      await pauseThread(db, conversationId, new Date(Date.now() + err.retryAfterSeconds * 1000));
    }
    throw err;
  } finally {
    await hold.release();
  }
}

// Posts one message once the channel's pace has a slot for it, noting first that Slack may take it before it
// is recorded. A refused post leaves the hold as it was: an earlier part may still be unrecorded.
async function post(
  pacer: SlackPacer,
  hold: ThreadHold,
  where: { workspaceId: string; channel: string },
  doing: string,
  call: () => Promise<{ ts?: string }>,
): Promise<string> {
  const before = hold.unrecorded;
  try {
    const posted = await paced(pacer, postingIn(where.workspaceId, where.channel), () => {
      hold.unrecorded = true;
      return slackCall(doing, call);
    });
    return posted.ts!;
  } catch (err) {
    if (refusedBySlack(err)) hold.unrecorded = before;
    throw err;
  }
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadThreadSnapshot>>>;

// Each alert a conversation gets (a first one, one after each move) is its own post.
function rootMarkId(row: Loaded['row']): string {
  return ['root', row.id, row.movedFromThreadTs].filter(Boolean).join(':');
}

// Posts the alert if it is not in Slack yet, then every post owed to its thread, in order. After a crash
// (`recovering`), posts Slack already has are found by their mark and recorded instead of posted again.
async function postPending(deps: SlackJobDeps, slack: WebClient, { row, snapshot, suggestionsStale, settings, pendingPosts }: Loaded, hold: ThreadHold): Promise<void> {
  const { db } = deps;
  const conversationId = row.id;
  const where = { workspaceId: row.workspaceId, channel: row.slackChannelId };
  const lookFirst = hold.unrecorded;
  let threadTs = row.slackThreadTs;
  if (!threadTs) {
    const markId = rootMarkId(row);
    const already = lookFirst
      ? (await findMarkedPosts(slack, { channel: row.slackChannelId, oldest: row.movedFromThreadTs ? undefined : row.createdAt })).get(markId)
      : undefined;
    const root = buildAlertMessage(snapshot, new Date());
    threadTs =
      already ??
      (await post(deps.pacer, hold, where, 'posting the alert', () =>
        slack.chat.postMessage({ channel: row.slackChannelId, ...root, metadata: postMark(markId), unfurl_links: false, unfurl_media: false }),
      ));
    await recordRootMessage(db, conversationId, threadTs, row.version);
    await hold.recorded();
    // A new alert joins the Unassigned queue of every open App Home.
    await requestWork(deps.logger, [() => deps.work.refreshHomes(row.workspaceId)]);
    if (row.movedFromThreadTs) await linkFromOldThread(deps, slack, row, threadTs);
  }
  // As the team knows the customer now (the snapshot's), not as the alerts named them.
  const { customer } = snapshot;
  const name = customerName({ customer, externalId: row.externalId });
  const thread = {
    customerName: name,
    channelType: snapshot.channelType,
    relayMode: settings.relayMode,
    sendMarker: settings.sendMarker,
    graceSeconds: deps.graceSeconds,
  };
  const pending = [...pendingPosts].sort((a, b) => threadPostTime(a) - threadPostTime(b));
  // Read back from just before the oldest post owed: a long thread's older replies cannot hold it.
  const oldest = pending.length > 0 ? new Date(Math.min(...pending.map((p) => p.createdAt.getTime())) - 60_000) : undefined;
  const inSlack = lookFirst && oldest ? await findMarkedPosts(slack, { channel: row.slackChannelId, threadTs, oldest }) : new Map<string, string>();
  for (const pendingPost of pending) {
    let firstTs: string | undefined;
    for (const [part, message] of threadMessagesFor(pendingPost, thread).entries()) {
      const { asCustomer, asAgent, ...content } = message;
      const markId = `post:${pendingPost.seq}:${part}`;
      if (inSlack.has(markId)) hold.unrecorded = true;
      const ts =
        inSlack.get(markId) ??
        (await post(deps.pacer, hold, where, 'posting in the thread', () =>
          slack.chat.postMessage({
            channel: row.slackChannelId,
            thread_ts: threadTs!,
            ...content,
            metadata: postMark(markId),
            unfurl_links: false,
            unfurl_media: false,
            ...(asCustomer ? postedAsCustomer(name, customer.avatarUrl) : {}),
            ...(asAgent ? postedAs(asAgent.name, asAgent.avatarUrl, 'Support agent') : {}),
          }),
        ));
      firstTs ??= ts;
    }
    await markThreadPostPosted(db, pendingPost.seq, firstTs ?? threadTs);
    await recordWhatWasPosted(db, pendingPost, firstTs ?? threadTs);
    await hold.recorded();
  }
  if (suggestionsStale) await refreshSuggestions(deps, slack, row);
}

// Posts that stand for a row of their own tell it where they are: an agent message so that reactions and
// feedback find it, a suggestion so that its post can say later that it was sent or replaced.
async function recordWhatWasPosted(db: Database, post: ThreadPostRow, ts: string): Promise<void> {
  if (post.kind === 'agent_message') await recordAgentMessagePosted(db, agentMessageBody.parse(post.body).messageId, ts);
  if (post.kind === 'suggestion') await recordSuggestionShown(db, suggestionBody.parse(post.body).suggestionId, { slackTs: ts, state: 'offered' });
}

// A suggestion sent or replaced since its post went up loses its buttons and says what became of it. A post
// someone deleted (an admin removing a draft they did not want seen) has nothing left to update: Slack's
// message_not_found names that post, not the alert, which must not be moved for it.
async function refreshSuggestions(deps: SlackJobDeps, slack: WebClient, row: Loaded['row']): Promise<void> {
  for (const s of await suggestionsShownStale(deps.db, row.id)) {
    const content = buildSuggestionPost({ state: s.state, id: s.id, text: s.text, sentBy: s.sentBy } as SuggestionView);
    await pacedSlackCall(deps.pacer, updating(row.workspaceId), 'updating the suggestion', () =>
      slack.chat.update({ channel: row.slackChannelId, ts: s.slackTs!, ...content }),
    ).catch((err: unknown) => {
      if (alertGoneReason(err) !== 'message_deleted') throw err;
      deps.logger.info({ suggestionId: s.id }, "the suggestion's post was deleted; nothing to update");
    });
    await recordSuggestionShown(deps.db, s.id, { state: s.state });
  }
}

// Best effort: the old thread may be gone with its message, and the new alert stands on its own anyway.
async function linkFromOldThread(deps: SlackJobDeps, slack: WebClient, row: Loaded['row'], newTs: string): Promise<void> {
  try {
    const { permalink } = await slack.chat.getPermalink({ channel: row.slackChannelId, message_ts: newTs });
    await slack.chat.postMessage({
      channel: row.movedFromChannelId!,
      thread_ts: row.movedFromThreadTs!,
      ...buildAlertMovedLink(permalink ?? null),
      unfurl_links: false,
    });
  } catch {
    // Nothing to point from: the old thread went with its message.
  }
  await clearMovedFrom(deps.db, row.id);
}
