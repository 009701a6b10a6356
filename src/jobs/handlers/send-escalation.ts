import { customerName } from '../../db/repositories/conversations';
import { claimPost, releasePost } from '../../db/repositories/post-leases';
import { loadEscalation, markEscalationFailed, markEscalationSent, overdueOf } from '../../db/repositories/reminders';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import { HandoffError } from '../../errors';
import { buildEscalation } from '../../slack/blocks/reminders';
import { postingIn } from '../../slack/pacing/slack-paces';
import type { JobPayload } from '../definitions';
import { pacedSlackCall } from './slack-call';
import type { SlackJobDeps } from './sync-thread';
import { threadPermalink } from '../../slack/thread-permalink';

// Why an escalation is never posted, once it is no longer true or nobody could read it.
const NO_LONGER_WAITING = 'the conversation was no longer waiting when the escalation was due to be posted';
const GIVE_UP_ON = new Set(['slack_rejected', 'workspace_not_installed']);

// Posted at most once per reminder, into the channel the conversation's alert is in (its workspace's alerts
// channel when it was raised); a refusal for good is kept on the row, where the sweeper stops asking. One the
// sweeper asks for again after an outage is dropped if someone took the conversation meanwhile: it would call
// the supervisors to a conversation that no longer needs them.
export async function sendEscalation(deps: SlackJobDeps, { reminderId }: JobPayload<'sendEscalation'>): Promise<void> {
  const reminder = await loadEscalation(deps.db, reminderId);
  if (!reminder || reminder.sentAt || reminder.error) return;
  const { conversation } = reminder;
  if (conversation.status !== 'waiting') {
    await markEscalationFailed(deps.db, reminder.id, NO_LONGER_WAITING);
    return;
  }
  if (!(await claimPost(deps.db, 'Reminder', reminder.id))) return;
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
    if (err instanceof HandoffError && GIVE_UP_ON.has(err.code)) await markEscalationFailed(deps.db, reminder.id, err.message);
    else await releasePost(deps.db, 'Reminder', reminder.id);
    throw err;
  }
}
