import { customerName } from '../../db/repositories/conversations';
import {
  loadDirectMessage,
  markDirectMessageFailed,
  markDirectMessageSent,
  type DirectMessageBody,
} from '../../db/repositories/direct-messages';
import { claimPost, releasePost } from '../../db/repositories/post-leases';
import { HandoffError } from '../../errors';
import { overdueOf } from '../../db/repositories/reminders';
import { buildIdleOfferDM, buildReplyOverdueDM } from '../../slack/blocks/reminders';
import { buildAssignedDM, buildTakenFromDM, type SlackMessage } from '../../slack/blocks/triage-messages';
import type { Priority } from '../../domain/conversation';
import type { JobPayload } from '../definitions';
import { postingIn } from '../../slack/pacing/slack-paces';
import { pacedSlackCall, slackCall } from './slack-call';
import type { SlackJobDeps } from './sync-thread';
import { threadPermalink } from '../../slack/thread-permalink';

type DirectMessageRow = NonNullable<Awaited<ReturnType<typeof loadDirectMessage>>>;

function messageFor(dm: DirectMessageRow, permalink: string | null): SlackMessage {
  const { conversation } = dm;
  const name = customerName(conversation);
  switch (dm.reason) {
    case 'assigned':
    case 'taken_from': {
      const body = dm.body as unknown as DirectMessageBody;
      return dm.reason === 'assigned'
        ? buildAssignedDM({ actorId: body.actorId, conversationPermalink: permalink, customerName: name, note: body.note, priority: body.priority as Priority })
        : buildTakenFromDM({ actorId: body.actorId, customerName: name, permalink, assigneeId: body.assigneeId });
    }
    case 'reply_overdue':
      return buildReplyOverdueDM({ customerName: name, permalink }, overdueOf(dm.body));
    case 'idle':
      return buildIdleOfferDM({ conversationId: conversation.id, customerName: name, permalink }, overdueOf(dm.body));
  }
}

// Sent at most once per row, by the job that holds it: a retry after Slack accepted the post but before it was
// recorded is the one way a person could get it twice.
export async function sendDirectMessage(deps: SlackJobDeps, { directMessageId }: JobPayload<'sendDirectMessage'>): Promise<void> {
  const dm = await loadDirectMessage(deps.db, directMessageId);
  if (!dm || dm.sentAt || dm.error) return;
  const { conversation } = dm;
  if (!(await claimPost(deps.db, 'DirectMessage', dm.id))) return;
  try {
    const slack = await deps.workspaces.slackFor(conversation.workspaceId);
    const message = messageFor(dm, await threadPermalink(slack, conversation));
    const opened = await slackCall('opening a direct message', () => slack.conversations.open({ users: dm.userId }));
    const channel = opened.channel!.id!;
    const posted = await pacedSlackCall(deps.pacer, postingIn(conversation.workspaceId, channel), 'sending a direct message', () =>
      slack.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    await markDirectMessageSent(deps.db, dm.id, channel, posted.ts!);
  } catch (err) {
    if (err instanceof HandoffError && err.code === 'slack_rejected') await markDirectMessageFailed(deps.db, dm.id, err.message);
    else await releasePost(deps.db, 'DirectMessage', dm.id);
    throw err;
  }
}
