import { LocalHttpServer } from './local-http';
import { WAIT_MS } from './timeouts';
import { waitForRecords } from './wait-for';

// Stands in for the response_url Slack sends with an interaction, where answers are posted privately to the
// person who clicked.
export class ResponseUrlStandIn {
  private readonly http = new LocalHttpServer(async (_req, raw) => {
    this.received.push(JSON.parse(raw) as Record<string, unknown>);
    return { status: 200, body: 'ok' };
  });
  private readonly received: Record<string, unknown>[] = [];

  async start(): Promise<void> {
    await this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get url(): string {
    return `${this.http.url}/respond`;
  }

  responses(): Record<string, unknown>[] {
    return [...this.received];
  }

  reset(): void {
    this.received.length = 0;
  }

  waitFor(predicate: (body: Record<string, unknown>) => boolean = () => true, minCount = 1): Promise<Record<string, unknown>[]> {
    return waitForRecords(() => this.received, predicate, {
      timeoutMs: WAIT_MS, minCount, label: 'response_url posts', describe: (b) => JSON.stringify(b),
    });
  }
}
