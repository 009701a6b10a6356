import type { RelayDeps } from '../../services/relay-agent-reply';
import { HandoffError } from '../../errors';
import { buildConversationGone, buildTryAgain, type SlackMessage } from '../blocks/triage-messages';

// For answers without a response_url (a modal submission, a reaction): an ephemeral message in the channel
// where the person acted. Slack refuses it when they are not in that channel; the log keeps what they missed.
export async function tellPrivately(deps: RelayDeps, where: { channel: string; user: string }, message: SlackMessage): Promise<void> {
  try {
    await deps.slack.chat.postEphemeral({ channel: where.channel, user: where.user, ...message });
  } catch (err) {
    deps.logger.warn({ err, user: where.user, text: message.text }, 'could not tell the person privately');
  }
}

// A button press is answered only once its effect is committed, so a crash can never lose a press Slack was
// told went through. If it could not be committed (the database away, Slack unreachable), the press is
// answered all the same and the person is asked privately to try again. `work` returns what to tell them.
export async function commitThenAck(
  deps: RelayDeps,
  ack: () => Promise<void>,
  tell: (message: SlackMessage) => Promise<unknown>,
  work: () => Promise<SlackMessage | null>,
): Promise<void> {
  // Past Slack's three seconds Bolt has answered already; the private message below still reaches the person.
  const answerSlack = () => ack().catch((err: unknown) => deps.logger.warn({ err }, 'Slack was answered already'));
  let reply: SlackMessage | null;
  try {
    reply = await work();
  } catch (err) {
    await answerSlack();
    if (err instanceof HandoffError && err.code === 'conversation_not_found') {
      // Trying again would not help: the conversation is gone, or was never this workspace's.
      await tell(buildConversationGone()).catch((tellErr: unknown) => deps.logger.warn({ err: tellErr }, 'could not tell the person the conversation is gone'));
      return;
    }
    deps.logger.error({ err }, 'a person\'s action failed');
    await tell(buildTryAgain()).catch((tellErr: unknown) => deps.logger.warn({ err: tellErr }, 'could not tell the person their action failed'));
    return;
  }
  await answerSlack();
  if (reply) await tell(reply).catch((err: unknown) => deps.logger.warn({ err, text: reply.text }, 'could not answer the person privately'));
}

// An action that failed for a reason nobody chose (Slack or the database unreachable) is answered with a
// request to try again rather than silence; the log keeps the cause.
export async function answerFailure(deps: RelayDeps, tell: (message: SlackMessage) => Promise<unknown>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.logger.error({ err }, 'a person\'s action failed');
    await tell(buildTryAgain()).catch((tellErr: unknown) => deps.logger.warn({ err: tellErr }, 'could not tell the person their action failed'));
  }
}

// For presses in a modal or on the App Home, which have no channel to answer in: the person hears it in their
// direct messages with Handoff.
export function toDirectMessages(deps: RelayDeps, userId: string): (message: SlackMessage) => Promise<unknown> {
  return (message) => deps.slack.chat.postMessage({ channel: userId, ...message });
}
