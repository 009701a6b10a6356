import { ErrorCode as SlackErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import type { AlertMoveReason } from '../domain/alert-move';
import { HandoffError } from '../errors';

// Slack errors that will not go away by trying again.
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
  'msg_blocks_too_long',
  'invalid_arguments',
  'message_not_found',
  'cant_update_message',
  'thread_not_found',
  'user_not_found',
  'user_disabled',
  'user_not_visible',
  'cannot_dm_bot',
  'no_such_subteam',
]);

export function slackErrorCode(err: unknown): string | undefined {
  const e = err as Partial<WebAPIPlatformError>;
  return e?.code === SlackErrorCode.PlatformError ? e.data?.error : undefined;
}

// A failed Slack call, keeping Slack's own error code (`message_not_found`…) for whoever can act on it.
export class SlackCallError extends HandoffError {
  constructor(code: 'slack_rejected' | 'slack_unavailable', message: string, readonly slackError?: string, retryAfterSeconds?: number) {
    super(code, message, [], retryAfterSeconds);
    this.name = 'SlackCallError';
  }
}

// Turns what @slack/web-api throws into our coded errors: transient ones retry, permanent ones do not.
export function fromSlackError(err: unknown, doing: string): SlackCallError {
  const e = err as { code?: string; retryAfter?: number; message?: string };
  if (e?.code === SlackErrorCode.RateLimitedError) {
    const retryAfter = (err as WebAPIRateLimitedError).retryAfter;
    return new SlackCallError('slack_unavailable', `Slack rate-limited ${doing}; retry after ${retryAfter}s`, 'ratelimited', retryAfter);
  }
  const platformError = slackErrorCode(err);
  if (platformError) {
    const code = PERMANENT.has(platformError) ? 'slack_rejected' : 'slack_unavailable';
    return new SlackCallError(code, `Slack refused ${doing}: ${platformError}`, platformError);
  }
  return new SlackCallError('slack_unavailable', `Slack unreachable while ${doing}: ${e?.message ?? String(err)}`);
}

// Why an alert's message or thread can no longer take posts, from what Slack answered.
const GONE: Record<string, AlertMoveReason> = {
  message_not_found: 'message_deleted',
  thread_not_found: 'thread_gone',
  is_archived: 'channel_gone',
  channel_not_found: 'channel_gone',
  not_in_channel: 'channel_gone',
};

export function alertGoneReason(err: unknown): AlertMoveReason | null {
  const code = err instanceof SlackCallError ? err.slackError : slackErrorCode(err);
  return (code && GONE[code]) || null;
}
