import { Webhook } from 'standardwebhooks';
import { describeDeliveryFailure, isRetryableStatus } from '../domain/relay-policy';
import { post, PostTimedOut, type Answer } from '../outbound/post';

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs?: number;
}

// Enough of a refusal to say why; a platform answering with more is not read further.
const MAX_ANSWER_BYTES = 64 * 1024;
const FOLLOWED = new Set([307, 308]);
const MAX_REDIRECTS = 3;

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
  const send = (url: string) => post(url, headers, body, { timeoutMs: target.timeoutMs ?? 10_000, maxBytes: MAX_ANSWER_BYTES });
  let answer: Answer;
  let url = target.url;
  try {
    answer = await send(url);
    // A 307 or 308 keeps the method and the body, so the event goes on to where the platform moved it.
    for (let hops = 0; FOLLOWED.has(answer.status) && typeof answer.headers.location === 'string' && hops < MAX_REDIRECTS; hops++) {
      url = new URL(answer.headers.location, url).href;
      answer = await send(url);
    }
  } catch (err) {
    const timedOut = err instanceof PostTimedOut;
    return { delivered: false, retryable: true, why: describeDeliveryFailure(timedOut ? { timedOut } : { networkError: (err as Error).message }) };
  }
  if (answer.status >= 200 && answer.status < 300) return { delivered: true };
  const location = answer.status >= 300 && answer.status < 400 ? URL.parse(answer.headers.location ?? '', url)?.href : undefined;
  if (location) return { delivered: false, retryable: false, why: describeDeliveryFailure({ redirectedTo: location }) };
  return { delivered: false, retryable: isRetryableStatus(answer.status), why: describeDeliveryFailure({ status: answer.status, body: answer.body.toString('utf8') }) };
}
