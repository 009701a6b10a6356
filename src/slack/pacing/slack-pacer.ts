import { HandoffError } from '../../errors';
import type { PaceKey } from './slack-paces';

// Where a job asks for a slot before a Slack call, shared by every worker replica.
export interface SlackPacer {
  // Resolves when the call may go now. When its slot is further off, throws a PaceWait: the job steps aside
  // (delayed, no attempt spent) instead of holding a worker while it waits.
  slot(keys: PaceKey[]): Promise<void>;
  // Slack answered 429 anyway: no worker calls against these keys again before Retry-After.
  holdOff(keys: PaceKey[], retryAfterSeconds: number): Promise<void>;
}

// Told of every wait a pace imposes, for the metrics: a slot not free yet, or Slack's Retry-After.
export type PaceWaitObserver = (cause: 'pace' | 'retry_after', seconds: number) => void;

export class PaceWait extends HandoffError {
  constructor(keys: PaceKey[], waitMs: number) {
    super('busy', `waiting ${waitMs} ms for a slot in Slack's pace (${keys.map((k) => k.name).join(', ')})`, [], waitMs / 1000);
    this.name = 'PaceWait';
  }
}
