import type { RelayDeps } from '../../services/relay-agent-reply';
import type { SlackMessage } from '../blocks/triage-messages';

// For answers without a response_url (a modal submission, a reaction): an ephemeral message in the channel
// where the person acted. Slack refuses it when they are not in that channel; the log keeps what they missed.
export async function tellPrivately(deps: RelayDeps, where: { channel: string; user: string }, message: SlackMessage): Promise<void> {
  try {
    await deps.slack.chat.postEphemeral({ channel: where.channel, user: where.user, ...message });
  } catch (err) {
    deps.logger.warn({ err, user: where.user, text: message.text }, 'could not tell the person privately');
  }
}
