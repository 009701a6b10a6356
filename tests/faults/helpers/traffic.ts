import { randomBytes } from 'node:crypto';
import { eventBody, signedSlackHeaders } from '../../helpers/slack-signing';
import { eventEnvelope, newEventId, retryHeaders } from '../../helpers/slack-user';
import { signPlatformRequest } from '../../helpers/standard-webhooks';

// Sends what Slack and the bot platform send, and sends each request again until it gets a 2xx, the way
// they do: Slack resends an event it got no 2xx for within 3 seconds with the same event_id and
// x-slack-retry-num, and a Standard Webhooks sender resends with the same webhook-id. Slack stops after three
// retries over five minutes; here they come within a second and as often as it takes, so a lost request is
// the app's doing, not the sender's.

export interface Target {
  // Where the app serves HTTP now; while it is down, the address it had, which refuses connections.
  url(): string;
  // Which start of the app is serving now.
  generation(): number;
}

export interface Attempt {
  // The HTTP status, or what went wrong on the way.
  outcome: number | 'timeout' | 'refused' | 'network error';
  // The start of the app that was serving when it was sent.
  app: number;
}

export interface SentRequest {
  label: string;
  attempts: Attempt[];
  acknowledged: boolean;
}

export interface Secrets {
  slackSigning: string;
  platformSigning: string;
}

// Slack gives up on an answer after 3 s; a webhook sender usually waits longer.
const SLACK_TIMEOUT_MS = 3000;
const PLATFORM_TIMEOUT_MS = 10_000;
// Slack retries a few times, then drops the event: a request refused this often is a finding, not a fault.
const MAX_CLIENT_ERRORS = 3;
const FIRST_RESEND_MS = 100;
const MAX_RESEND_MS = 1000;

export function newWebhookId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

export class TrafficDriver {
  readonly sent: SentRequest[] = [];

  // Nothing is sent again after `deadline` (epoch ms): whatever is still unacknowledged then is reported.
  constructor(
    private readonly target: Target,
    private readonly secrets: Secrets,
    private readonly deadline: number,
  ) {}

  slackEvent(label: string, event: Record<string, unknown>, eventId: string = newEventId()): Promise<SentRequest> {
    const envelope = eventEnvelope(event, eventId);
    return this.untilAcknowledged(label, SLACK_TIMEOUT_MS, (retryNum, reason, signal) => {
      // Slack signs every delivery afresh; the envelope, with its event_id, stays the same.
      const request = eventBody(envelope);
      const headers = { ...signedSlackHeaders(this.secrets.slackSigning, request), ...retryHeaders(retryNum, reason) };
      return fetch(`${this.target.url()}/slack/events`, { method: 'POST', body: request.body, headers, signal });
    });
  }

  platformRequest(label: string, path: string, body: unknown, webhookId: string = newWebhookId()): Promise<SentRequest> {
    const raw = JSON.stringify(body);
    return this.untilAcknowledged(label, PLATFORM_TIMEOUT_MS, (_retryNum, _reason, signal) => {
      const headers = { 'content-type': 'application/json', ...signPlatformRequest(this.secrets.platformSigning, raw, { id: webhookId }) };
      return fetch(`${this.target.url()}${path}`, { method: 'POST', body: raw, headers, signal });
    });
  }

  // Requests that never got a 2xx, with what they got instead.
  unacknowledged(): SentRequest[] {
    return this.sent.filter((r) => !r.acknowledged);
  }

  // Every attempt that did not get a 2xx, by outcome: the evidence that a fault reached the traffic.
  failedAttempts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const attempt of this.sent.flatMap((r) => r.attempts)) {
      if (typeof attempt.outcome === 'number' && attempt.outcome < 300) continue;
      const key = typeof attempt.outcome === 'number' ? `HTTP ${attempt.outcome}` : attempt.outcome;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  private async untilAcknowledged(
    label: string,
    timeoutMs: number,
    send: (retryNum: number, reason: string, signal: AbortSignal) => Promise<Response>,
  ): Promise<SentRequest> {
    const record: SentRequest = { label, attempts: [], acknowledged: false };
    this.sent.push(record);
    let reason = 'http_timeout';
    let clientErrors = 0;
    for (let retryNum = 0; ; retryNum++) {
      const app = this.target.generation();
      const outcome = await send(retryNum, reason, AbortSignal.timeout(timeoutMs)).then(
        async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          return res.status;
        },
        failure,
      );
      record.attempts.push({ outcome, app });
      if (typeof outcome === 'number' && outcome < 300) {
        record.acknowledged = true;
        return record;
      }
      if (typeof outcome === 'number' && outcome < 500 && outcome !== 429 && ++clientErrors >= MAX_CLIENT_ERRORS) return record;
      reason = outcome === 'timeout' ? 'http_timeout' : typeof outcome === 'number' ? 'http_error' : 'connection_failed';
      const wait = Math.min(FIRST_RESEND_MS * 2 ** retryNum, MAX_RESEND_MS);
      if (Date.now() + wait > this.deadline) return record;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function failure(err: Error): Attempt['outcome'] {
  if (err.name === 'TimeoutError') return 'timeout';
  const code = (err.cause as { code?: string } | undefined)?.code;
  return code === 'ECONNREFUSED' ? 'refused' : 'network error';
}

// Runs `lanes` in parallel, each one's steps strictly one after the other.
export async function runLanes<T>(lanes: T[][], step: (item: T) => Promise<unknown>): Promise<void> {
  await Promise.all(
    lanes.map(async (lane) => {
      for (const item of lane) await step(item);
    }),
  );
}

// Deals `items` round-robin into `count` lanes.
export function deal<T>(items: T[], count: number): T[][] {
  const lanes: T[][] = Array.from({ length: Math.max(1, count) }, () => []);
  items.forEach((item, i) => lanes[i % lanes.length]!.push(item));
  return lanes.filter((lane) => lane.length > 0);
}
