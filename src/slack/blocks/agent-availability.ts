import type { AgentStatus } from '../../services/agent-availability';
import { slackDateTime } from './mention';
import { mrkdwnSection } from './escape';
import type { SlackMessage } from './triage-messages';

export function buildAvailabilityChanged(online: boolean): SlackMessage {
  const text = online
    ? ':large_green_circle: You are online: Handoff counts you in for new conversations.'
    : ':white_circle: You are offline: Handoff leaves you out of new conversations. Those you have stay yours.';
  return { text, blocks: [mrkdwnSection(text)] };
}

export function buildAgentStatus(status: AgentStatus): SlackMessage {
  const since = status.changedAt ? ` since ${slackDateTime(status.changedAt)}` : '';
  const availability = status.online ? `:large_green_circle: You are online${since}.` : `:white_circle: You are offline${since}.`;
  const n = status.openConversations;
  const open = n === 0 ? 'You have no open conversations.' : `You have ${n} open conversation${n === 1 ? '' : 's'}: \`/handoff mine\` lists them.`;
  const switchHint = status.online ? '`/handoff offline` to stop taking new ones.' : '`/handoff online` to take new ones.';
  return { text: `${availability} ${open}`, blocks: [mrkdwnSection(`${availability}\n${open}\n${switchHint}`)] };
}
