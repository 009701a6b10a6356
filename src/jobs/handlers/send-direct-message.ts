import { customerName } from '../../db/repositories/conversations';
import {
  loadDirectMessage,
  markDirectMessageFailed,
  markDirectMessageSent,
  type DirectMessageBody,
} from '../../db/repositories/direct-messages';
import { HandoffError } from '../../errors';
import { buildAssignedDM, buildTakenFromDM } from '../../slack/blocks/triage-messages';
import type { Priority } from '../../domain/conversation';
import type { JobPayload } from '../definitions';
import { postingIn } from '../../slack/pacing/slack-paces';
import { pacedSlackCall, slackCall } from './slack-call';
import type { SlackJobDeps } from './sync-thread';

// Sent at most once per row: a retry after Slack accepted the post but before it was recorded is the one
// way a person could get it twice.
export async function sendDirectMessage(deps: SlackJobDeps, { directMessageId }: JobPayload<'sendDirectMessage'>): Promise<void> {
  const dm = await loadDirectMessage(deps.db, directMessageId);
  if (!dm || dm.sentAt || dm.error) return;
  const { conversation } = dm;
  const body = dm.body as unknown as DirectMessageBody;
  try {
    const slack = await deps.workspaces.slackFor(conversation.workspaceId);
    const permalink = conversation.slackThreadTs
      ? (
          await slackCall('linking the thread', () =>
            slack.chat.getPermalink({ channel: conversation.slackChannelId, message_ts: conversation.slackThreadTs! }),
          )
        ).permalink ?? null
      : null;
    const name = customerName(conversation);
    const message =
      dm.reason === 'assigned'
        ? buildAssignedDM({
            actorId: body.actorId,
            conversationPermalink: permalink,
            customerName: name,
            note: body.note,
            priority: body.priority as Priority,
          })
        : buildTakenFromDM({ actorId: body.actorId, customerName: name, permalink, assigneeId: body.assigneeId });
    const opened = await slackCall('opening a direct message', () => slack.conversations.open({ users: dm.userId }));
    const channel = opened.channel!.id!;
    const posted = await pacedSlackCall(deps.pacer, postingIn(conversation.workspaceId, channel), 'sending a direct message', () =>
      slack.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    await markDirectMessageSent(deps.db, dm.id, channel, posted.ts!);
  } catch (err) {
    if (err instanceof HandoffError && err.code === 'slack_rejected') await markDirectMessageFailed(deps.db, dm.id, err.message);
    throw err;
  }
}
