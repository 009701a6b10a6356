import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebAPICallResult,
} from '@slack/web-api';
import type { IncomingHttpHeaders } from 'node:http';
import { post } from '../outbound/post';

// One Web API call as the SDK's WebClient makes it (a form-encoded POST, the bot token as Bearer) and answered
// as it answers (the same result, the same errors), without the rest of its path: every call there copies
// and serialises its arguments and its answer for debug lines whatever the log level, and goes through a
// request queue and a retry wrapper we turn off. In the alert bench that was a tenth of a worker's time.

// As WebClient's serializeBody: primitives as they are, anything else as JSON; the token goes as a header.
// Null for arguments only its own path sends (a file's bytes or stream, as multipart).
export function formBody(args: Record<string, unknown>): string | null {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null || key === 'token') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      form.append(key, String(value));
      continue;
    }
    if (Buffer.isBuffer(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return null;
    form.append(key, JSON.stringify(value));
  }
  return form.toString();
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function retryAfterOf(headers: IncomingHttpHeaders): number | undefined {
  const seconds = Number.parseInt(header(headers, 'retry-after') ?? '', 10);
  return Number.isNaN(seconds) ? undefined : seconds;
}

const scopeList = (value: string | undefined) => value?.trim().split(/\s*,\s*/);

export async function callWebApi(url: string, token: string | undefined, body: string, timeoutMs: number): Promise<WebAPICallResult> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...(token && { authorization: `Bearer ${token}` }) };
  let answer;
  try {
    answer = await post(url, headers, body, { timeoutMs });
  } catch (err) {
    throw new WebAPIRequestError(err as Error);
  }
  if (answer.status === 429) {
    const retryAfter = retryAfterOf(answer.headers);
    if (retryAfter !== undefined) throw new WebAPIRateLimitedError(retryAfter);
  }
  const text = answer.body.toString('utf8');
  if (answer.status !== 200) {
    const flat = Object.fromEntries(Object.keys(answer.headers).map((name) => [name, header(answer.headers, name) ?? '']));
    throw new WebAPIHTTPError(answer.status, answer.statusText, flat, text);
  }
  let result: WebAPICallResult;
  try {
    result = JSON.parse(text) as WebAPICallResult;
  } catch {
    result = { ok: false, error: text } as WebAPICallResult;
  }
  const metadata = (result.response_metadata ??= {});
  const scopes = scopeList(header(answer.headers, 'x-oauth-scopes'));
  if (scopes) metadata.scopes = scopes;
  const acceptedScopes = scopeList(header(answer.headers, 'x-accepted-oauth-scopes'));
  if (acceptedScopes) metadata.acceptedScopes = acceptedScopes;
  const retryAfter = retryAfterOf(answer.headers);
  if (retryAfter !== undefined) metadata.retryAfter = retryAfter;
  if (!result.ok) throw new WebAPIPlatformError(result as WebAPICallResult & { error: string });
  return result;
}
