import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

// A type alias (not an interface) so it is assignable to Record<string, string>.
export type PlatformSignatureHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export interface SignOptions {
  id?: string;
  timestamp?: Date;
}

export type PlatformVerification = { ok: true } | { ok: false; reason: string };

// Node's IncomingHttpHeaders shape, so a request's headers can be passed straight in.
export type HeaderBag = Record<string, string | string[] | undefined>;

// Signs the way a Standard Webhooks sender does; `secret` is `whsec_<base64>` (the prefix is optional).
export function signPlatformRequest(secret: string, body: string, opts: SignOptions = {}): PlatformSignatureHeaders {
  const id = opts.id ?? `msg_${randomBytes(16).toString('base64url')}`;
  const timestamp = opts.timestamp ?? new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
  };
}

// Verifies signature and timestamp tolerance (5 minutes either way) with the library the product uses.
export function verifyPlatformDelivery(secret: string, headers: HeaderBag, body: string | Buffer): PlatformVerification {
  try {
    // jsonParse off: a correctly signed non-JSON body is still authentic; parsing is the caller's business.
    new Webhook(secret).verify(body, flattenHeaders(headers), { jsonParse: false });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

// Repeated signature headers are equivalent to one space-separated list (the spec's rotation format).
function flattenHeaders(headers: HeaderBag): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(' ') : value;
  }
  return flat;
}
