import { SlackCallError, fromSlackError } from '../../slack/errors';
import type { SlackPacer } from '../../slack/pacing/slack-pacer';
import type { PaceKey } from '../../slack/pacing/slack-paces';

// Every Slack call in a job goes through here so its failure becomes a coded, retry-aware error.
export async function slackCall<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromSlackError(err, doing);
  }
}

// Work whose Slack call counts against one of Slack's rate limits: it starts once it has its slot, and a 429
// that comes anyway holds every worker off those limits for Retry-After, so the next call is not a second 429
// in a row. Anything the work does before its call (noting an attempt) happens only once the slot is taken.
export async function paced<T>(pacer: SlackPacer, keys: PaceKey[], work: () => Promise<T>): Promise<T> {
  await pacer.slot(keys);
  try {
    return await work();
  } catch (err) {
    if (err instanceof SlackCallError && err.slackError === 'ratelimited' && err.retryAfterSeconds !== undefined) {
      await pacer.holdOff(keys, err.retryAfterSeconds);
    }
    throw err;
  }
}

export function pacedSlackCall<T>(pacer: SlackPacer, keys: PaceKey[], doing: string, call: () => Promise<T>): Promise<T> {
  return paced(pacer, keys, () => slackCall(doing, call));
}
