import { HandoffError } from '../../../errors';
import type { Logger } from '../../../logger';
import { buildGoneFromModal, buildSubmitAgain, type FieldErrors } from '../../blocks/triage-modals';

// What a modal of ours carries back; a submission of a modal Handoff did not open is answered and ignored
// (null), with a line in the log.
export async function metadataOfOurModal<T>(deps: { logger: Logger }, ack: () => Promise<void>, raw: string, parse: (raw: string) => T): Promise<T | null> {
  try {
    return parse(raw);
  } catch (err) {
    await ack();
    deps.logger.warn({ err }, 'ignored a modal submission Handoff did not open');
    return null;
  }
}

// What a modal's submission that could not be committed is answered with: the modal stays open, saying the
// conversation is not this workspace's (any more), or else to submit again, keeping the input.
export function failedSubmission(deps: { logger: Logger }, err: unknown, blocks: readonly unknown[]): FieldErrors {
  if (err instanceof HandoffError && err.code === 'conversation_not_found') return buildGoneFromModal(blocks);
  deps.logger.error({ err }, 'a modal submission failed');
  return buildSubmitAgain(blocks);
}
