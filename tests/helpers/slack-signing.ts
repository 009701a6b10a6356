import { createHmac } from 'node:crypto';

// A type alias (not an interface) so it can be passed where Record<string, string> headers are expected.
export type SlackSignatureHeaders = {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
};

export type SlackContentType = 'application/json' | 'application/x-www-form-urlencoded';

// A request body exactly as Slack would send it; sign `body` itself, never a re-serialisation.
export interface SlackRequestBody {
  body: string;
  contentType: SlackContentType;
}

// Slack's v0 scheme: `v0=` + hex HMAC-SHA256 over `v0:{timestamp}:{raw body}`.
export function signSlackRequest(
  secret: string,
  body: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSec) };
}

// Signature headers plus the matching content-type, ready for fetch/supertest.
export function signedSlackHeaders(
  secret: string,
  request: SlackRequestBody,
  timestampSec?: number,
): SlackSignatureHeaders & { 'content-type': SlackContentType } {
  return { 'content-type': request.contentType, ...signSlackRequest(secret, request.body, timestampSec) };
}

// Events API: the envelope is posted as compact JSON.
export function eventBody(envelope: object): SlackRequestBody {
  return { body: JSON.stringify(envelope), contentType: 'application/json' };
}

// Interactivity (block_actions, view_submission, shortcuts…): one form field `payload` holding JSON.
export function interactionBody(payload: object): SlackRequestBody {
  return formBody({ payload: JSON.stringify(payload) });
}

// Slash commands: a flat form post, fields in the order given.
export function commandBody(fields: Record<string, string>): SlackRequestBody {
  return formBody(fields);
}

// URLSearchParams is the WHATWG form serialiser (`/` → %2F, `:` → %3A, space → +); it reproduces Slack's
// documented slash-command body byte for byte (see the signing known-answer test).
function formBody(fields: Record<string, string>): SlackRequestBody {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}
