import type { WebClient } from '@slack/web-api';
import type { ChannelType } from '../../domain/conversation';
import {
  claimFeedback,
  finishFeedback,
  noteFeedbackAttempt,
  recordFailureNotice,
  releaseFeedback,
  type LoadedFeedback,
} from '../../db/repositories/reply-feedback';
import { HandoffError } from '../../errors';
import {
  buildDeliveryFailedReply,
  buildDeliveryRetriedReply,
  buildRelayWarning,
  buildReplyKept,
} from '../../slack/blocks/relay-feedback';
import { alertGoneReason, slackErrorCode } from '../../slack/errors';
import type { JobPayload } from '../definitions';
import { findMarkedPosts, postMark } from './post-marks';
import { postingIn, reacting, updating } from '../../slack/pacing/slack-paces';
import { paced, pacedSlackCall, slackCall } from './slack-call';
import type { SlackJobDeps } from './sync-thread';

// Longer than showing one piece of feedback takes (a read-back, a post, a reaction, each with a 10 s timeout).
export const FEEDBACK_LEASE_MS = 60_000;

export const DELIVERED_REACTION = 'heavy_check_mark';
export const FAILED_REACTION = 'warning';

// What the agent is shown about one reply: a reaction on it, and for a failure a notice under it with Retry.
// Each step can run again without showing anything twice.
export async function sendFeedback(deps: SlackJobDeps, { feedbackId }: JobPayload<'sendFeedback'>): Promise<void> {
  const f = await claimFeedback(deps.db, feedbackId, FEEDBACK_LEASE_MS);
  if (f) await showFeedback(deps, f);
}

// Shows feedback this worker holds the lease of, claimed by the job above or with the delivery it is about.
export async function showFeedback(deps: SlackJobDeps, f: LoadedFeedback): Promise<void> {
  try {
    await show({ ...deps, slack: await deps.workspaces.slackFor(f.message.conversation.workspaceId) }, f);
    await finishFeedback(deps.db, f.id);
  } catch (err) {
    // Slack will never take it (the agent's thread is gone, the person deactivated): kept with the reason.
    if (err instanceof HandoffError && err.code === 'slack_rejected') {
      await finishFeedback(deps.db, f.id, err.message);
      return;
    }
    // If even that fails, the lease runs out and the sweeper's job shows it.
    await releaseFeedback(deps.db, f.id).catch((releaseErr: unknown) => deps.logger.warn({ err: releaseErr }, 'could not release feedback'));
    throw err;
  }
}

// The job's dependencies with a client holding the token of the reply's workspace.
type FeedbackDeps = SlackJobDeps & { slack: WebClient };

async function show(deps: FeedbackDeps, f: LoadedFeedback): Promise<void> {
  const { message } = f;
  const { conversation } = message;
  const feedback = f.feedback;
  switch (feedback.kind) {
    case 'delivered':
      await react(deps, f, DELIVERED_REACTION);
      if (message.failureNoticeTs) {
        // The failure notice offered Retry; now it says the retry worked, and the button is gone.
        const notice = buildDeliveryRetriedReply({ agentId: message.authorId! });
        await pacedSlackCall(deps.pacer, updating(conversation.workspaceId), 'updating the failure notice', () =>
          deps.slack.chat.update({ channel: conversation.slackChannelId, ts: message.failureNoticeTs!, ...notice }),
        );
      }
      return;
    case 'failed': {
      // A Retry delivered it meanwhile: this older failure has nothing left to say.
      if (message.relayState === 'delivered') return;
      const notice = buildDeliveryFailedReply({ why: feedback.why, retryable: feedback.retryable, messageId: message.id, agentId: message.authorId! });
      if (message.failureNoticeTs) {
        // A reply that failed again after a retry: its one notice says so, rather than a second notice.
        await pacedSlackCall(deps.pacer, updating(conversation.workspaceId), 'updating the failure notice', () =>
          deps.slack.chat.update({ channel: conversation.slackChannelId, ts: message.failureNoticeTs!, ...notice }),
        );
      } else {
        const ts = await postNoticeOnce(deps, f, notice);
        await recordFailureNotice(deps.db, message.id, ts);
      }
      await react(deps, f, FAILED_REACTION);
      return;
    }
    case 'refused':
      await tellAuthor(deps, f, buildRelayWarning(conversation.channelType as ChannelType, feedback.problem));
      await react(deps, f, FAILED_REACTION);
      return;
    case 'kept':
      await tellAuthor(deps, f, buildReplyKept(feedback.reason));
  }
}

// The notice goes in the thread the reply is in, marked so that a crash right after posting it does not
// make the next attempt post a second one.
async function postNoticeOnce(deps: FeedbackDeps, f: LoadedFeedback, notice: { text: string; blocks: object[] }): Promise<string> {
  const channel = f.message.conversation.slackChannelId;
  const threadTs = f.message.conversation.slackThreadTs!;
  const markId = `feedback:${f.id}`;
  if (f.attempts > 0) {
    const found = (await findMarkedPosts(deps.slack, { channel, threadTs })).get(markId);
    if (found) return found;
  }
  const posted = await paced(deps.pacer, postingIn(f.message.conversation.workspaceId, channel), async () => {
    await noteFeedbackAttempt(deps.db, f.id);
    return slackCall('telling the agent', () =>
      deps.slack.chat.postMessage({ channel, thread_ts: threadTs, ...(notice as { text: string }), metadata: postMark(markId), unfurl_links: false }),
    );
  });
  return posted.ts!;
}

// Only the author sees it, where they wrote the reply.
async function tellAuthor(deps: FeedbackDeps, f: LoadedFeedback, message: { text: string; blocks: object[] }): Promise<void> {
  const { conversation, authorId, slackTs } = f.message;
  await slackCall('telling the agent', () =>
    deps.slack.chat.postEphemeral({
      channel: conversation.slackChannelId,
      user: authorId!,
      ...(conversation.slackThreadTs ? { thread_ts: conversation.slackThreadTs } : {}),
      ...(message as { text: string }),
    }),
  ).catch((err) => {
    // Slack refuses an ephemeral message to someone who left the channel; the reaction still shows on the reply.
    if (!(err instanceof HandoffError && err.code === 'slack_rejected')) throw err;
    deps.logger.warn({ err, user: authorId, ts: slackTs }, 'could not tell the agent privately');
  });
}

async function react(deps: FeedbackDeps, f: LoadedFeedback, name: string): Promise<void> {
  const { conversation, slackTs } = f.message;
  if (!slackTs && f.message.sentFromHandoff) throw new HandoffError('busy', 'the message is not in the thread yet');
  if (!slackTs) return;
  await pacedSlackCall(deps.pacer, reacting(conversation.workspaceId), 'marking the reply', () =>
    deps.slack.reactions.add({ channel: conversation.slackChannelId, timestamp: slackTs, name }).catch((err) => {
      // Slack says already_reacted when this runs twice; that is the state we wanted. A reply whose alert moved
      // since is in the old thread, which may be gone: the outcome is stored either way.
      const error = slackErrorCode(err);
      if (error !== 'already_reacted' && !alertGoneReason(err)) throw err;
    }),
  );
}
