import { afterAttempt, backoffFor, changeReachesCustomer, exhausted, retryRequested, startReply, type AttemptOutcome } from '../../../src/domain/reply-relay';

const REPLY = { attempts: 1, maxAttempts: 3, backoffMs: 100, isReply: true };
const EVENT = { ...REPLY, isReply: false };

describe("a reply's way to the customer", () => {
  it('is delivered with a ✔️ owed to the agent', () => {
    expect(afterAttempt({ type: 'delivered' }, REPLY)).toEqual({ delivery: 'delivered', reply: 'delivered', error: null, feedback: { kind: 'delivered' } });
  });

  it('owes nothing to an agent when the delivery is a conversation event, not a reply', () => {
    const step = afterAttempt({ type: 'delivered' }, EVENT);
    expect(step).toEqual({ delivery: 'delivered', reply: undefined, error: null });
  });

  it('goes back to pending with a doubling wait while attempts remain', () => {
    const failed: AttemptOutcome = { type: 'failed', why: 'HTTP 503', retryable: true };
    expect(afterAttempt(failed, { ...REPLY, attempts: 1 })).toMatchObject({ delivery: 'pending', reply: 'pending', retryInMs: 100, error: 'HTTP 503' });
    expect(afterAttempt(failed, { ...REPLY, attempts: 2 })).toMatchObject({ delivery: 'pending', retryInMs: 200 });
    expect(afterAttempt(failed, { ...REPLY, attempts: 2 }).feedback).toBeUndefined();
  });

  it('fails for good after its last attempt, telling the agent it may be retried', () => {
    const step = afterAttempt({ type: 'failed', why: 'HTTP 503', retryable: true }, { ...REPLY, attempts: 3 });
    expect(step).toEqual({
      delivery: 'failed',
      reply: 'failed',
      error: 'HTTP 503 (gave up after 3 attempts)',
      feedback: { kind: 'failed', why: 'HTTP 503 (gave up after 3 attempts)', retryable: true },
    });
  });

  it('tells the thread when a conversation event fails for good, since the AI may not know to pause', () => {
    const step = afterAttempt({ type: 'failed', why: 'HTTP 410', retryable: false }, EVENT);
    expect(step).toEqual({ delivery: 'failed', reply: undefined, error: 'HTTP 410', feedback: { kind: 'failed', why: 'HTTP 410', retryable: false } });
  });

  it('fails at once when the platform refuses it, with the platform’s words', () => {
    const step = afterAttempt({ type: 'failed', why: 'HTTP 422: text too long', retryable: false }, REPLY);
    expect(step).toMatchObject({ delivery: 'failed', reply: 'failed', feedback: { kind: 'failed', why: 'HTTP 422: text too long', retryable: false } });
  });

  it('is cancelled without a word when the agent deleted it in its grace period', () => {
    expect(afterAttempt({ type: 'withdrawn' }, REPLY)).toEqual({ delivery: 'cancelled', reply: 'withdrawn', error: null });
  });

  it('is cancelled as internal or not relayed when nothing is left to send', () => {
    expect(afterAttempt({ type: 'nothing_to_send', why: 'a note now', internal: true }, REPLY)).toMatchObject({ delivery: 'cancelled', reply: 'internal' });
    expect(afterAttempt({ type: 'nothing_to_send', why: 'no endpoint', internal: false }, REPLY)).toMatchObject({ delivery: 'cancelled', reply: 'not_relayed' });
  });

  it('gives up on a delivery claimed more often than it may be tried, naming the last error', () => {
    const step = exhausted({ ...REPLY, attempts: 4 }, 'connection refused');
    expect(step).toMatchObject({ delivery: 'failed', reply: 'failed', feedback: { kind: 'failed', retryable: true } });
    expect(step.error).toMatch(/connection refused/);
    expect(exhausted({ ...REPLY, attempts: 4 }, null).error).toMatch(/without an answer/);
  });

  it('never waits longer than five minutes between attempts', () => {
    expect(backoffFor(1, 1000)).toBe(1000);
    expect(backoffFor(30, 1000)).toBe(300_000);
  });

  it('tells the platform of an edit once the reply may have reached the customer, and not before', () => {
    expect(changeReachesCustomer('sending')).toBe(true);
    expect(changeReachesCustomer('delivered')).toBe(true);
    for (const state of ['pending', 'failed', 'cancelled', null] as const) expect(changeReachesCustomer(state)).toBe(false);
  });

  it('goes back on its way only from failed when Retry is pressed', () => {
    expect(retryRequested('failed')).toEqual({ delivery: 'pending', reply: 'pending', error: null });
    for (const state of ['pending', 'sending', 'delivered', 'cancelled'] as const) expect(retryRequested(state)).toBeNull();
  });
});

describe('a reply as it is stored', () => {
  it('is sent when it is for the customer', () => {
    expect(startReply({ kind: 'relay' })).toEqual({ reply: 'pending', error: null, send: true });
  });

  it('stays internal as a note, and in Slack when the relay mode keeps it', () => {
    expect(startReply({ kind: 'note' })).toEqual({ reply: 'internal', error: null, send: false });
    expect(startReply({ kind: 'not_for_customer' })).toEqual({ reply: 'not_relayed', error: null, send: false });
  });

  it('stays in Slack, telling its author why, when they may not talk to customers', () => {
    expect(startReply({ kind: 'not_allowed', reason: 'Only agents reply' })).toEqual({
      reply: 'not_relayed', error: null, send: false, feedback: { kind: 'kept', reason: 'Only agents reply' },
    });
  });

  it('fails before sending, with a warning and a ⚠️ owed, when the channel would refuse it', () => {
    const problem = { problem: 'too_long' as const, limit: 1000, length: 1200 };
    expect(startReply({ kind: 'undeliverable', problem })).toEqual({
      reply: 'failed', error: 'refused before sending', send: false, feedback: { kind: 'refused', problem },
    });
  });
});
