import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import { customerName, loadSnapshot } from '../../db/repositories/conversations';
import {
  claimThreadLease,
  markThreadPostPosted,
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
import { slackCall } from './slack-call';

export interface SlackJobDeps {
  db: Database;
  slack: WebClient;
  graceSeconds: number;
}

// Long enough for a burst of posts at Slack's pace of about one a second; a crashed worker's lease expires.
const LEASE_MS = 60_000;

export async function syncThread(deps: SlackJobDeps, { conversationId }: JobPayload<'syncThread'>): Promise<void> {
  const { db, slack } = deps;
  if (!(await claimThreadLease(db, conversationId, LEASE_MS))) {
    throw new HandoffError('busy', 'another worker is posting to this thread');
  }
  try {
    const loaded = await loadSnapshot(db, conversationId);
    if (!loaded) throw new HandoffError('conversation_not_found', `conversation ${conversationId} is gone`);
    const { row, snapshot } = loaded;
    let threadTs = row.slackThreadTs;
    if (!threadTs) {
      const root = buildAlertMessage(snapshot, new Date());
      const posted = await slackCall('posting the alert', () =>
        slack.chat.postMessage({ channel: row.slackChannelId, ...root, unfurl_links: false, unfurl_media: false }),
      );
      threadTs = posted.ts!;
      await recordRootMessage(db, conversationId, threadTs, row.version);
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
    for (const post of pending) {
      let firstTs: string | undefined;
      for (const message of threadMessagesFor(post, thread)) {
        const { asCustomer, ...content } = message;
        const posted = await slackCall('posting in the thread', () =>
          slack.chat.postMessage({
            channel: row.slackChannelId,
            thread_ts: threadTs!,
            ...content,
            unfurl_links: false,
            unfurl_media: false,
            ...(asCustomer ? { username: name.slice(0, 80), ...(customer.avatarUrl ? { icon_url: customer.avatarUrl } : {}) } : {}),
          }),
        );
        firstTs ??= posted.ts;
      }
      await markThreadPostPosted(db, post.seq, firstTs ?? threadTs);
    }
  } finally {
    await releaseThreadLease(db, conversationId);
  }
}
