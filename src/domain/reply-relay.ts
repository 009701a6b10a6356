import type { DeliveryProblem } from './relay-policy';

// The way of one event to the bot platform (an agent's reply, its edit or deletion, a conversation change),
// and for an agent's reply what the agent is shown about it. This is the only place that decides these
// transitions; repositories store what it returns and jobs carry out the feedback.
//
//   pending ─claim─▶ sending ─▶ delivered
//      ▲                │  ├──▶ failed (retries exhausted or refused by the platform) ─retry─▶ pending
//      └──attempt failed┘  └──▶ cancelled (deleted in its grace period, or no longer something to send)

export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';

// How far an agent's reply got, as the agent sees it on their message.
export type ReplyState = 'pending' | 'delivered' | 'failed' | 'internal' | 'withdrawn' | 'not_relayed';

export type Feedback =
  | { kind: 'delivered' }
  | { kind: 'failed'; why: string; retryable: boolean }
  | { kind: 'refused'; problem: DeliveryProblem }
  | { kind: 'kept'; reason: string };

export type AttemptOutcome =
  | { type: 'delivered' }
  | { type: 'failed'; why: string; retryable: boolean }
  // The reply was deleted during its grace period: the customer never sees it.
  | { type: 'withdrawn' }
  // Nothing to send after all: an edit turned it into a note, or no platform endpoint is configured.
  | { type: 'nothing_to_send'; why: string; internal: boolean };

export interface Step {
  delivery: DeliveryState;
  // Undefined for deliveries that are not an agent's reply (conversation events, edits, deletions).
  reply?: ReplyState;
  error: string | null;
  // When a failed attempt is tried again.
  retryInMs?: number;
  // What the team is shown: on the reply for a reply, in the conversation's thread for anything else.
  feedback?: Feedback;
}

export interface Attempt {
  // Attempts made so far, this one included.
  attempts: number;
  maxAttempts: number;
  backoffMs: number;
  isReply: boolean;
}

// Doubling waits between attempts, never longer than this, so a platform back after an outage is reached soon.
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffFor(attempts: number, backoffMs: number): number {
  return Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attempts - 1));
}

// What a sending attempt leads to.
export function afterAttempt(outcome: AttemptOutcome, a: Attempt): Step {
  const reply = <T extends ReplyState>(state: T) => (a.isReply ? state : undefined);
  switch (outcome.type) {
    case 'delivered':
      return { delivery: 'delivered', reply: reply('delivered'), error: null, ...(a.isReply ? { feedback: { kind: 'delivered' } } : {}) };
    case 'withdrawn':
      return { delivery: 'cancelled', reply: reply('withdrawn'), error: null };
    case 'nothing_to_send':
      return { delivery: 'cancelled', reply: reply(outcome.internal ? 'internal' : 'not_relayed'), error: outcome.why };
    case 'failed': {
      if (outcome.retryable && a.attempts < a.maxAttempts) {
        return { delivery: 'pending', reply: reply('pending'), error: outcome.why, retryInMs: backoffFor(a.attempts, a.backoffMs) };
      }
      // A conversation event that never arrives matters as much as a reply: the AI may not know to pause.
      const why = outcome.retryable ? `${outcome.why} (gave up after ${a.attempts} attempts)` : outcome.why;
      return { delivery: 'failed', reply: reply('failed'), error: why, feedback: { kind: 'failed', why, retryable: outcome.retryable } };
    }
  }
}

// A delivery claimed once more than it may be tried: its earlier attempts ended without a recorded outcome
// (a crash, the database away), so it is given up on rather than tried for ever.
export function exhausted(a: Attempt, lastError: string | null): Step {
  return afterAttempt({ type: 'failed', why: lastError ?? 'the attempts ended without an answer', retryable: true }, a);
}

// A reply the agent wrote, as it is stored: on its way, kept internal, kept in Slack, or refused before sending.
export type ReplyClassification =
  | { kind: 'relay' }
  | { kind: 'note' }
  | { kind: 'not_for_customer' }
  | { kind: 'not_allowed'; reason: string }
  | { kind: 'undeliverable'; problem: DeliveryProblem };

export interface ReplyStart {
  reply: ReplyState;
  error: string | null;
  // Whether a delivery to the platform is made for it.
  send: boolean;
  feedback?: Feedback;
}

export function startReply(c: ReplyClassification): ReplyStart {
  switch (c.kind) {
    case 'relay':
      return { reply: 'pending', error: null, send: true };
    case 'note':
      return { reply: 'internal', error: null, send: false };
    case 'not_for_customer':
      return { reply: 'not_relayed', error: null, send: false };
    case 'not_allowed':
      return { reply: 'not_relayed', error: null, send: false, feedback: { kind: 'kept', reason: c.reason } };
    case 'undeliverable':
      return { reply: 'failed', error: 'refused before sending', send: false, feedback: { kind: 'refused', problem: c.problem } };
  }
}

// An edit or deletion of a reply needs an event of its own only once the reply may have reached the customer:
// a delivery still pending sends the reply as it is by then, and one that failed or was cancelled sent nothing.
export function changeReachesCustomer(delivery: DeliveryState | null): boolean {
  return delivery === 'sending' || delivery === 'delivered';
}

// The agent pressed Retry: only a reply that failed goes back on its way, with a fresh set of attempts.
export function retryRequested(current: DeliveryState): Step | null {
  return current === 'failed' ? { delivery: 'pending', reply: 'pending', error: null } : null;
}
