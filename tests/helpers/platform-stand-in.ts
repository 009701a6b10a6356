import { WAIT_MS } from './timeouts';
import type http from 'node:http';
import { LocalHttpServer, type Reply } from './local-http';
import { webhookContractProblems } from './platform-contract';
import { verifyPlatformDelivery } from './standard-webhooks';
import { waitForRecords } from './wait-for';

export interface PlatformDelivery {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  // Parsed JSON, or undefined when the body is not JSON.
  body: unknown;
  verified: boolean;
  // Why verification failed (library message), when it did.
  verifyError?: string;
  at: number;
}

interface PlannedResponse {
  status: number;
  body?: unknown;
  hangMs?: number;
  remaining: number;
}

const DEFAULT_RESPONSE = { status: 200, body: { ok: true } };

// Stands in for a customer's webhook endpoint on the bot platform: receives what Handoff delivers.
export class PlatformStandIn {
  private readonly http = new LocalHttpServer((req, raw) => this.handle(req, raw));
  private readonly recorded: PlatformDelivery[] = [];
  private readonly planned: PlannedResponse[] = [];
  // An outage: until `until`, every delivery gets this answer, before any queued one.
  private outage?: { status: number; body?: unknown; until: number };

  // `secret` is the whsec_… secret the deliveries are expected to be signed with.
  constructor(private readonly secret: string, private readonly path = '/webhook') {}

  async start(): Promise<{ url: string }> {
    await this.http.start();
    return { url: this.url };
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get url(): string {
    return `${this.http.url}${this.path}`;
  }

  deliveries(): PlatformDelivery[] {
    return [...this.recorded];
  }

  // Deliveries whose body is not what docs/openapi.yaml documents for their type.
  problems(): { raw: string; problems: string[] }[] {
    return this.recorded.map((d) => ({ raw: d.raw, problems: webhookContractProblems(d.body) })).filter((d) => d.problems.length > 0);
  }

  reset(): void {
    this.recorded.length = 0;
    this.planned.length = 0;
    this.outage = undefined;
  }

  // Queues the next `times` answers; once the queue is empty, deliveries get 200 {"ok":true}.
  respondWith(status: number, body?: unknown, times = 1): void {
    this.planned.push({ status, body, remaining: times });
  }

  // Every delivery in the next `ms` gets this answer, as from an endpoint that is down for a while.
  respondFor(ms: number, status: number, body?: unknown): void {
    this.outage = { status, body, until: Date.now() + ms };
  }

  // Until acceptConnections(), senders get "connection refused"; nothing is recorded meanwhile.
  refuseConnections(): Promise<void> {
    return this.http.refuseConnections();
  }

  acceptConnections(): Promise<void> {
    return this.http.acceptConnections();
  }

  // The next `times` deliveries get no answer for `ms` (then the default), to make the sender time out.
  hang(ms: number, times = 1): void {
    this.planned.push({ ...DEFAULT_RESPONSE, hangMs: ms, remaining: times });
  }

  waitFor(predicate: (delivery: PlatformDelivery) => boolean, timeoutMs = WAIT_MS, minCount = 1): Promise<PlatformDelivery[]> {
    return waitForRecords(() => this.recorded, predicate, {
      timeoutMs, minCount, label: 'platform deliveries',
      describe: (d) => `${d.method} ${d.path} verified=${d.verified} ${d.raw}`,
    });
  }

  private async handle(req: http.IncomingMessage, raw: string): Promise<Reply> {
    const check = verifyPlatformDelivery(this.secret, req.headers, raw);
    this.recorded.push({
      method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: parseJson(raw),
      verified: check.ok, ...(check.ok ? {} : { verifyError: check.reason }), at: Date.now(),
    });
    const plan = this.takePlan();
    if (plan.hangMs) await this.http.sleep(plan.hangMs);
    return { status: plan.status, body: plan.body };
  }

  private takePlan(): Omit<PlannedResponse, 'remaining'> {
    if (this.outage && Date.now() < this.outage.until) return this.outage;
    const next = this.planned[0];
    if (!next) return DEFAULT_RESPONSE;
    if (--next.remaining <= 0) this.planned.shift();
    return next;
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
