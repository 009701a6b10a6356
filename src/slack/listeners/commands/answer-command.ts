import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../../logger';
import { buildTryAgain, type SlackMessage } from '../../blocks/triage-messages';

type AckWith = (response?: { response_type: 'ephemeral'; text: string; blocks: SlackMessage['blocks'] }) => Promise<void>;

const ephemeral = (message: SlackMessage) => ({ response_type: 'ephemeral' as const, ...message });

// For answers that take one or two queries on our own database: the acknowledgement carries them, so the
// person sees the answer at once and nothing depends on the response_url. What the work writes is
// committed before Slack hears back; if it fails, the acknowledgement asks them to try again instead.
export async function answerAtOnce(logger: Logger, ack: AckWith, work: () => Promise<SlackMessage>): Promise<void> {
  await ack(ephemeral(await answerOrTryAgain(logger, work)));
}

// For answers that ask Slack for links or add up many rows: Slack is acknowledged at once, within its three
// seconds whatever the work takes, and the answer follows by the command's response_url (good for 30 minutes).
export async function answerLater(logger: Logger, ack: AckWith, respond: RespondFn, work: () => Promise<SlackMessage>): Promise<void> {
  await ack();
  const message = await answerOrTryAgain(logger, work);
  await respond(ephemeral(message)).catch((err: unknown) => logger.warn({ err, text: message.text }, 'could not answer /handoff by its response_url'));
}

// For a command that opens a modal: acknowledged at once, so the trigger is still good when the modal opens;
// only a refusal or a failure is answered, by the command's response_url.
export async function answerOnlyIfRefused(logger: Logger, ack: AckWith, respond: RespondFn, work: () => Promise<SlackMessage | null>): Promise<void> {
  await ack();
  const message = await answerOrTryAgain(logger, async () => (await work()) ?? NOTHING);
  if (message === NOTHING) return;
  await respond(ephemeral(message)).catch((err: unknown) => logger.warn({ err, text: message.text }, 'could not answer /handoff by its response_url'));
}

const NOTHING: SlackMessage = { text: '', blocks: [] };

// A failure nobody chose (the database or Slack away) is answered with a request to try again, never silence.
async function answerOrTryAgain(logger: Logger, work: () => Promise<SlackMessage>): Promise<SlackMessage> {
  try {
    return await work();
  } catch (err) {
    logger.error({ err }, 'a /handoff command failed');
    return buildTryAgain();
  }
}
