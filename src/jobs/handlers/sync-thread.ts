import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import { clearMovedFrom } from '../../db/repositories/alert-moves';
import { customerName, loadSnapshot } from '../../db/repositories/conversations';
import {
  claimThreadLease,
  markThreadPostPosted,
  pauseThread,
  pendingThreadPosts,
  recordRootMessage,
  releaseThreadLease,
} from '../../db/repositories/thread-posts';
import { HandoffError } from '../../errors';
import type { Customer } from '../../domain/conversation';
import { buildAlertMessage } from '../../slack/blocks/alert-message';
import { threadMessagesFor, threadPostTime } from '../../slack/thread-post-content';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import type { JobPayload } from '../definitions';
import { buildAlertMovedLink } from '../../slack/blocks/alert-moved';
import type { Logger } from '../../logger';
import { postedAsCustomer } from '../../slack/blocks/thread-posts';
import type { WorkQueue } from '../work-queue';
import { movingWhenGone } from './alert-gone';
import { findMarkedPosts, postMark } from './post-marks';
import { slackCall } from './slack-call';

export interface SlackJobDeps {
  db: Database;
  slack: WebClient;
  work: WorkQueue;
  logger: Logger;
  graceSeconds: number;
}

// Long enough for a burst of posts at Slack's pace of about one a second; a crashed worker's lease expires,
// and the thread waits that long after a crash before another worker picks it up.
const LEASE_MS = 30_000;

export async function syncThread(deps: SlackJobDeps, { conversationId }: JobPayload<'syncThread'>): Promise<void> {
  const { db, slack } = deps;
  const lease = await claimThreadLease(db, conversationId, LEASE_MS);
  if (!lease.claimed) {
    const waitSeconds = lease.pausedUntil ? (lease.pausedUntil.getTime() - Date.now()) / 1000 : undefined;
    throw new HandoffError('busy', 'another worker is posting to this thread, or Slack asked to wait', [], waitSeconds);
  }
  try {
    const loaded = await loadSnapshot(db, conversationId);
    if (!loaded) throw new HandoffError('conversation_not_found', `conversation ${conversationId} is gone`);
    await movingWhenGone(deps, loaded.row, () => postPending(deps, loaded, lease.recovering));
  } catch (err) {
    if (err instanceof HandoffError && err.retryAfterSeconds !== undefined) {
      await pauseThread(db, conversationId, new Date(Date.now() + err.retryAfterSeconds * 1000));
    }
    throw err;
  } finally {
    await releaseThreadLease(db, conversationId);
  }
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadSnapshot>>>;

// Each alert a conversation gets (a first one, one after each move) is its own post.
function rootMarkId(row: Loaded['row']): string {
  return ['root', row.id, row.movedFromThreadTs].filter(Boolean).join(':');
}

// Posts the alert if it is not in Slack yet, then every post owed to its thread, in order. After a crash
// (`recovering`), posts Slack already has are found by their mark and recorded instead of posted again.
async function postPending(deps: SlackJobDeps, { row, snapshot }: Loaded, recovering: boolean): Promise<void> {
  const { db, slack } = deps;
  const conversationId = row.id;
  let threadTs = row.slackThreadTs;
  if (!threadTs) {
    const markId = rootMarkId(row);
    const already = recovering
      ? (await findMarkedPosts(slack, { channel: row.slackChannelId, oldest: row.movedFromThreadTs ? undefined : row.createdAt })).get(markId)
      : undefined;
    const root = buildAlertMessage(snapshot, new Date());
    threadTs =
      already ??
      (await slackCall('posting the alert', () =>
        slack.chat.postMessage({ channel: row.slackChannelId, ...root, metadata: postMark(markId), unfurl_links: false, unfurl_media: false }),
      )).ts!;
    await recordRootMessage(db, conversationId, threadTs, row.version);
    if (row.movedFromThreadTs) await linkFromOldThread(deps, row, threadTs);
  }
  const customer = row.customer as Customer;
  const name = customerName(row);
  const settings = await loadWorkspaceSettings(db, row.workspaceId);
  const thread = {
    customerName: name,
    channelType: snapshot.channelType,
    relayMode: settings.relayMode,
    sendMarker: settings.sendMarker,
    graceSeconds: deps.graceSeconds,
  };
  const pending = (await pendingThreadPosts(db, conversationId)).sort((a, b) => threadPostTime(a) - threadPostTime(b));
  const inSlack = recovering && pending.length > 0 ? await findMarkedPosts(slack, { channel: row.slackChannelId, threadTs }) : new Map<string, string>();
  for (const post of pending) {
    let firstTs: string | undefined;
    for (const [part, message] of threadMessagesFor(post, thread).entries()) {
      const { asCustomer, ...content } = message;
      const markId = `post:${post.seq}:${part}`;
      const ts =
        inSlack.get(markId) ??
        (await slackCall('posting in the thread', () =>
          slack.chat.postMessage({
            channel: row.slackChannelId,
            thread_ts: threadTs!,
            ...content,
            metadata: postMark(markId),
            unfurl_links: false,
            unfurl_media: false,
            ...(asCustomer ? postedAsCustomer(name, customer.avatarUrl) : {}),
          }),
        )).ts;
      firstTs ??= ts;
    }
    await markThreadPostPosted(db, post.seq, firstTs ?? threadTs);
  }
}

// Best effort: the old thread may be gone with its message, and the new alert stands on its own anyway.
async function linkFromOldThread(deps: SlackJobDeps, row: Loaded['row'], newTs: string): Promise<void> {
  try {
    const { permalink } = await deps.slack.chat.getPermalink({ channel: row.slackChannelId, message_ts: newTs });
    await deps.slack.chat.postMessage({
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
