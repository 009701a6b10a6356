import type { Logger } from '../../../logger';

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
