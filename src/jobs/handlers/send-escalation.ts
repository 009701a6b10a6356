import { customerName } from '../../db/repositories/conversations';
import { loadEscalation, markEscalationFailed, markEscalationSent, overdueOf } from '../../db/repositories/reminders';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import { HandoffError } from '../../errors';
import { buildEscalation } from '../../slack/blocks/reminders';
import { postingIn } from '../../slack/pacing/slack-paces';
import type { JobPayload } from '../definitions';
import { pacedSlackCall } from './slack-call';
import type { SlackJobDeps } from './sync-thread';
import { threadPermalink } from './thread-permalink';

// Posted at most once per reminder, into the channel the conversation's alert is in (its workspace's alerts
// channel when it was raised); a refusal for good is kept on the row, where the sweeper stops asking.
export async function sendEscalation(deps: SlackJobDeps, { reminderId }: JobPayload<'sendEscalation'>): Promise<void> {
  const reminder = await loadEscalation(deps.db, reminderId);
  if (!reminder || reminder.sentAt || reminder.error) return;
  const { conversation } = reminder;
  try {
    const settings = await loadWorkspaceSettings(deps.db, conversation.workspaceId);
    const slack = await deps.workspaces.slackFor(conversation.workspaceId);
    const permalink = await threadPermalink(slack, conversation);
    const message = buildEscalation(
      { supervisorsUserGroup: settings.supervisorsUserGroup, customerName: customerName(conversation), permalink },
      overdueOf(reminder.body),
    );
    const channel = conversation.slackChannelId;
    const posted = await pacedSlackCall(deps.pacer, postingIn(conversation.workspaceId, channel), 'escalating a waiting conversation', () =>
      slack.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    await markEscalationSent(deps.db, reminder.id, posted.ts!);
  } catch (err) {
    if (err instanceof HandoffError && err.code === 'slack_rejected') await markEscalationFailed(deps.db, reminder.id, err.message);
    throw err;
  }
}
