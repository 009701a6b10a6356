import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

// Calls Handoff's own bot-platform API over HTTP, signed with HANDOFF_SIGNING_SECRET exactly as the platform
// signs it, so the playground proves the same path a real platform takes: signature check, schema, storage.
export async function callHandoffApi(baseUrl: string, signingSecret: string, path: string, payload: object): Promise<ApiAnswer> {
  const body = JSON.stringify(payload);
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(signingSecret).sign(id, now, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): passed on as text.
  }
  return { status: res.status, body: parsed };
}
