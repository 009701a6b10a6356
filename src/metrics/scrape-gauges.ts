import { Gauge, type Registry } from 'prom-client';
import type { OldestWaitingJob, QueueJobCounts } from '../jobs/queues';
import type { Logger } from '../logger';

// Where the gauges read what they show, each time /metrics is scraped and never on the hot path.
export interface ScrapeSources {
  queues: { jobCounts(): Promise<QueueJobCounts[]>; oldestWaiting(): Promise<OldestWaitingJob[]> };
  oldestUnprocessedSlackEvent(): Promise<Date | null>;
}

const secondsSince = (at: number) => Math.max(0, (Date.now() - at) / 1000);

// A source that cannot answer (Redis or PostgreSQL away) leaves its gauge empty for that scrape rather than
// failing the whole scrape: the counters are most worth reading during an outage.
function gauge<L extends string>(registry: Registry, logger: Logger, name: string, help: string, labelNames: L[], read: (g: Gauge<L>) => Promise<void>) {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      await read(this).catch((err) => logger.warn({ err, metric: name }, 'a metric could not be read for this scrape'));
    },
  });
}

export function collectOnScrape(registry: Registry, sources: ScrapeSources, logger: Logger): void {
  gauge(registry, logger, 'handoff_queue_jobs', 'Jobs in each queue, by state', ['queue', 'state'], async (g) => {
    for (const { queue, counts } of await sources.queues.jobCounts()) {
      for (const [state, n] of Object.entries(counts)) g.set({ queue, state }, n);
    }
  });
  gauge(
    registry,
    logger,
    'handoff_queue_oldest_waiting_seconds',
    'Age of the oldest job waiting for a worker in each queue, since it was queued or its delay ended (0 when none waits)',
    ['queue'],
    async (g) => {
      for (const { queue, dueAt } of await sources.queues.oldestWaiting()) g.set({ queue }, dueAt === null ? 0 : secondsSince(dueAt));
    },
  );
  gauge(registry, logger, 'handoff_slack_inbox_lag_seconds', 'Age of the oldest Slack event stored but not yet handled (0 when none waits)', [], async (g) => {
    const oldest = await sources.oldestUnprocessedSlackEvent();
    g.set(oldest === null ? 0 : secondsSince(oldest.getTime()));
  });
}
