import { Webhook } from 'standardwebhooks';
import { describeDeliveryFailure, isRetryableStatus } from '../domain/relay-policy';

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs?: number;
}

export type SendOutcome =
  | { delivered: true }
  | { delivered: false; retryable: boolean; why: string };

// Sends one event to the bot platform, signed per Standard Webhooks. The id is the delivery's own, the same on
// every retry, so the platform can drop duplicates; the timestamp is fresh, or a late retry would look stale.
export async function sendWebhook(target: WebhookTarget, id: string, event: object): Promise<SendOutcome> {
  const body = JSON.stringify(event);
  const now = new Date();
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(target.secret).sign(id, now, body),
  };
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(target.timeoutMs ?? 10_000) });
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError';
    return { delivered: false, retryable: true, why: describeDeliveryFailure(timedOut ? { timedOut } : { networkError: (err as Error).message }) };
  }
  if (res.ok) return { delivered: true };
  const text = await res.text().catch(() => '');
  return { delivered: false, retryable: isRetryableStatus(res.status), why: describeDeliveryFailure({ status: res.status, body: text }) };
}
