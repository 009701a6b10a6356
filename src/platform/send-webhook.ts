import { Webhook } from 'standardwebhooks';
import { describeDeliveryFailure, isRetryableStatus } from '../domain/relay-policy';
import { postJson, PostTimedOut, type PostAnswer } from './post-json';

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
  let answer: PostAnswer;
  try {
    answer = await postJson(target.url, headers, body, target.timeoutMs ?? 10_000);
  } catch (err) {
    const timedOut = err instanceof PostTimedOut;
    return { delivered: false, retryable: true, why: describeDeliveryFailure(timedOut ? { timedOut } : { networkError: (err as Error).message }) };
  }
  if (answer.status >= 200 && answer.status < 300) return { delivered: true };
  return { delivered: false, retryable: isRetryableStatus(answer.status), why: describeDeliveryFailure({ status: answer.status, body: answer.body }) };
}
