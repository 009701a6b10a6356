import { alertsSection } from '../bench/alerts';
import { costSection } from '../bench/cost';
import { startBenchHandoff } from '../bench/handoff';
import { memorySection } from '../bench/memory';
import { edgeSection } from '../bench/edge';
import { relaySection } from '../bench/relay';
import { stormSection } from '../bench/storm';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';

// A few seconds of the benchmark on every test run, so its sections keep working between real runs.
describe('the benchmark', () => {
  let h: Harness;
  useHarness((started) => (h = started));

  it('measures the Slack edge beside its no-op Bolt floor', async () => {
    const result = await edgeSection.run(h, { alerts: 40, concurrency: 4 });
    const json = result.json as { handoffMs: { p99: number; count: number }; noopBoltMs: { p99: number; count: number }; relayedMs: { count: number }; p99Ratio: number };
    expect(json.handoffMs.count).toBe(40);
    expect(json.relayedMs.count).toBe(40);
    expect(json.noopBoltMs.count).toBe(40);
    expect(json.handoffMs.p99).toBeGreaterThan(0);
    expect(Number.isFinite(json.p99Ratio)).toBe(true);
    expect(result.rows.map((r) => r.label)).toEqual([
      'Handoff: event acknowledged',
      'floor: no-op Bolt app',
      'p99 ratio (target ≤ 3×, ≤ 30 ms)',
      'reply → customer webhook (target p99 ≤ 100 ms)',
    ]);
  });

  it('measures alerts accepted beside pgbench running the same transaction', async () => {
    const result = await alertsSection.run(h, { alerts: 10, concurrency: 2, floorSeconds: 1 });
    const json = result.json as { acceptedPerSecond: number; pgbenchFloorTps: number; acceptedOfFloor: number };
    expect(json.pgbenchFloorTps).toBeGreaterThan(0);
    expect(json.acceptedOfFloor).toBeGreaterThan(0);
    expect(result.rows.map((r) => r.label)).toContain('floor: pgbench, same transaction');
  });

  it('measures replies from Slack to the platform', async () => {
    const result = await relaySection.run(h, { alerts: 20, concurrency: 4 });
    expect((result.json as { replies: number }).replies).toBe(20);
    expect(result.rows.map((r) => r.label)).toContain('Slack event acknowledged (stored)');
  });
});

// The storm needs Slack's pace on, so it gets its own Handoff.
describe('the storm benchmark', () => {
  let h: Harness;
  useHarness((started) => (h = started), { env: stormSection.env });

  it('measures a short alert storm against Slack\'s enforced limits', async () => {
    const result = await stormSection.run(h, { alerts: 1, concurrency: 1, stormAlerts: 2 });
    const json = result.json as { posts: number; problems: string[]; worstLimitedRun: number; ofAllowed: number; replyToWebhookMs: { count: number } };
    // Two alerts, each a root, its intro, its transcript and the take-over line of the reply in its thread.
    expect(json).toMatchObject({ posts: 8, problems: [], worstLimitedRun: 0, replyToWebhookMs: { count: 2 } });
    expect(json.ofAllowed).toBeGreaterThan(0.5);
    expect(result.rows.map((r) => r.label)).toContain('allowed by Slack, bursts included');
  });
});

// Deployed as the benchmark runs it: the built app as a web and a worker process.
describe('the benchmark against web and worker replicas', () => {
  const replicas = { web: 1, workers: 1 };

  it('counts round trips per role and Redis commands per alert and per relayed reply', async () => {
    const result = await costSection.run({ alerts: 3, concurrency: 1, replicas });
    type Cost = { web: number; worker: number; redisSent: number; redisInScripts: number };
    const { perAlert, perReply } = result.json as { perAlert: Cost; perReply: Cost };
    // An alert is accepted in one statement; its thread is posted by the worker.
    expect(perAlert.web).toBe(1);
    expect(perAlert.worker).toBeGreaterThan(0);
    expect(perAlert.redisSent).toBeGreaterThan(0);
    // A reply is stored by the web replica in one statement and relayed by the worker.
    expect(perReply.web).toBe(1);
    expect(perReply.worker).toBeGreaterThan(0);
    expect(perReply.redisInScripts).toBeGreaterThan(0);
  }, 120_000);

  it('reads each replica\'s resident memory idle and after alerts', async () => {
    const h = await startBenchHandoff({ alerts: 5, concurrency: 2, replicas });
    try {
      const result = await memorySection.run(h, { alerts: 5, concurrency: 2 });
      expect(result.rows.map((r) => r.label)).toEqual(['worker 1', 'web 1']);
      const { idleBytes, settledBytes } = result.json as { idleBytes: Record<string, number>; settledBytes: Record<string, number> };
      expect(Object.values(idleBytes).every((b) => b > 20 * 1024 * 1024)).toBe(true);
      expect(Object.keys(settledBytes)).toEqual(Object.keys(idleBytes));
    } finally {
      await h.stop();
    }
  }, 120_000);
});
