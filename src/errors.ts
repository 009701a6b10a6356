// Coded application errors. Each knows the HTTP status it maps to at the API edge
// and whether a job that hit it should try again.

export type ErrorCode =
  | 'invalid_request'
  | 'invalid_signature'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'conversation_not_found'
  | 'conversation_not_closed'
  | 'account_not_connected'
  | 'workspace_not_installed'
  | 'invalid_link'
  | 'link_expired'
  | 'file_not_found'
  | 'file_unavailable'
  | 'slack_unavailable'
  | 'slack_rejected'
  | 'platform_unavailable'
  | 'platform_rejected'
  | 'busy';

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_signature: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  conversation_not_found: 404,
  // A rating is for help the customer was given: until the conversation has been closed there is none to rate.
  conversation_not_closed: 409,
  // Never connected, or uninstalled since: nothing is stored until the account connects (again).
  account_not_connected: 409,
  // An event or a job for a workspace whose tokens are gone: nothing to retry until it installs again.
  workspace_not_installed: 409,
  invalid_link: 403,
  link_expired: 403,
  file_not_found: 404,
  // Slack would not hand the file over: the fault is upstream of Handoff.
  file_unavailable: 502,
  slack_unavailable: 503,
  slack_rejected: 502,
  platform_unavailable: 503,
  platform_rejected: 502,
  busy: 503,
};

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['slack_unavailable', 'platform_unavailable', 'busy']);

export interface Issue {
  path: string;
  message: string;
}

export class HandoffError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    // Seconds the other side asked us to wait (Retry-After), when it did.
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HandoffError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...(this.issues.length ? { issues: this.issues } : {}) };
  }
}
