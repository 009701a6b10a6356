import { ErrorCode } from '@slack/web-api';
import { SlackCallError, alertGoneReason, fromSlackError } from '../../../src/slack/errors';

// What @slack/web-api throws when Slack answers ok: false.
function platformError(error: string) {
  return Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });
}

describe('fromSlackError', () => {
  it("keeps Slack's error code and says whether trying again can help", () => {
    const gone = fromSlackError(platformError('message_not_found'), 'updating the alert');
    expect(gone).toBeInstanceOf(SlackCallError);
    expect(gone).toMatchObject({ code: 'slack_rejected', slackError: 'message_not_found', message: 'Slack refused updating the alert: message_not_found' });
    expect(gone.retryable).toBe(false);
    expect(fromSlackError(platformError('internal_error'), 'posting').retryable).toBe(true);
  });

  it('waits as long as Slack asks when rate-limited', () => {
    const limited = fromSlackError(Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter: 7 }), 'posting');
    expect(limited).toMatchObject({ code: 'slack_unavailable', retryAfterSeconds: 7 });
  });
});

describe('alertGoneReason', () => {
  it.each([
    ['message_not_found', 'message_deleted'],
    ['thread_not_found', 'thread_gone'],
    ['is_archived', 'channel_gone'],
    ['channel_not_found', 'channel_gone'],
    ['not_in_channel', 'channel_gone'],
  ])('reads %s as %s, thrown by Slack or already wrapped', (error, reason) => {
    expect(alertGoneReason(platformError(error))).toBe(reason);
    expect(alertGoneReason(fromSlackError(platformError(error), 'posting'))).toBe(reason);
  });

  it('is null for failures that say nothing about the alert', () => {
    for (const error of ['invalid_auth', 'ratelimited', 'internal_error', 'msg_too_long']) expect(alertGoneReason(platformError(error))).toBeNull();
    expect(alertGoneReason(new Error('socket hang up'))).toBeNull();
  });
});
