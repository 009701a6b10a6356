import { ErrorCode as SlackErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
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

// Turns what @slack/web-api throws into our coded errors: transient ones retry, permanent ones do not.
export function fromSlackError(err: unknown, doing: string): HandoffError {
  const e = err as { code?: string; retryAfter?: number; message?: string };
  if (e?.code === SlackErrorCode.RateLimitedError) {
    const retryAfter = (err as WebAPIRateLimitedError).retryAfter;
    return new HandoffError('slack_unavailable', `Slack rate-limited ${doing}; retry after ${retryAfter}s`, [], retryAfter);
  }
  const platformError = slackErrorCode(err);
  if (platformError) {
    const code = PERMANENT.has(platformError) ? 'slack_rejected' : 'slack_unavailable';
    return new HandoffError(code, `Slack refused ${doing}: ${platformError}`);
  }
  return new HandoffError('slack_unavailable', `Slack unreachable while ${doing}: ${e?.message ?? String(err)}`);
}
