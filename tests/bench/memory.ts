import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Harness } from '../helpers/harness';
import { residentBytes } from '../helpers/handoff-processes';
import { waitUntil } from '../helpers/slack-user';
import { runConcurrently } from './concurrency';
import { benchAlert } from './conversations';
import type { BenchSection, ReportRow } from './section';

// Resident memory of each replica idle, and again once many alerts went through it: a leak grows with the
// work done, a cache or pool that is merely warm does not. Right after a burst V8 still holds the heap it grew
// to, and gives it back only once the process has been idle for a while (its memory reducer, tens of seconds
// later), so both are read: the reading right after, and the one once every replica is back within the target
// or SETTLED_MS have passed, whichever comes first. Only what stays is a leak.

const ALERTS = 10_000;
// Long enough for start-up garbage to be collected before the idle reading.
const SETTLE_MS = 3_000;
const SETTLED_MS = 120_000;
const READ_EVERY_MS = 5_000;
const TARGET_RATIO = 1.5;
const MB = 1024 * 1024;

async function readings(h: Harness): Promise<Map<string, number>> {
  const rss = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const r of h.replicas) {
    const n = (seen.get(r.role) ?? 0) + 1;
    seen.set(r.role, n);
    rss.set(`${r.role} ${n}`, await residentBytes(r.pid));
  }
  return rss;
}

async function allPosted(h: Harness, ids: string[], timeoutMs: number): Promise<void> {
  await waitUntil(async () => (await h.app.db.conversation.count({ where: { externalId: { in: ids }, slackThreadTs: null } })) === 0, timeoutMs);
  await waitUntil(async () => (await h.app.db.threadPost.count({ where: { slackTs: null } })) === 0, timeoutMs);
}

async function settledReadings(h: Harness, idle: Map<string, number>, waitAtMostMs: number): Promise<{ settled: Map<string, number>; settledAfterMs: number }> {
  const started = Date.now();
  for (;;) {
    const now = await readings(h);
    const within = [...now].every(([name, bytes]) => bytes <= TARGET_RATIO * idle.get(name)!);
    if (within || Date.now() - started >= waitAtMostMs) return { settled: now, settledAfterMs: Date.now() - started };
    await sleep(READ_EVERY_MS);
  }
}

export const memorySection: BenchSection = {
  name: 'memory',
  async run(h, options) {
    await sleep(SETTLE_MS);
    const idle = await readings(h);
    const alerts = options.alerts >= 2000 ? ALERTS : options.alerts;
    const runId = randomUUID().slice(0, 8);
    const ids = Array.from({ length: alerts }, (_, i) => `memory_${runId}_${i}`);
    await runConcurrently(alerts, options.concurrency, async (i) => {
      const res = await h.platformRequest('/api/v1/handoffs', benchAlert(ids[i]!));
      if (res.status !== 202) throw new Error(`alert ${i} answered ${res.status}`);
      await res.body?.cancel();
    });
    await allPosted(h, ids, Math.max(120_000, alerts * 100));
    await sleep(SETTLE_MS);
    const after = await readings(h);
    // A smoke run's few alerts leave nothing to give back worth waiting for.
    const { settled, settledAfterMs } = await settledReadings(h, idle, alerts === ALERTS ? SETTLED_MS : READ_EVERY_MS);
    const rows: ReportRow[] = [...idle.entries()].map(([name, before]) => {
      const now = after.get(name)!;
      const later = settled.get(name)!;
      return {
        label: name,
        values: [
          ['idle', `${(before / MB).toFixed(0)} MB`],
          [`after ${alerts} alerts`, `${(now / MB).toFixed(0)} MB`],
          ['ratio', `${(now / before).toFixed(2)}×`],
          [`${(settledAfterMs / 1000).toFixed(0)} s later`, `${(later / MB).toFixed(0)} MB`],
          ['ratio', `${(later / before).toFixed(2)}×`],
        ],
      };
    });
    return {
      title: `Memory: resident set of each replica, idle and after ${alerts} alerts (targets ≤ 150 MB idle, ≤ ${TARGET_RATIO}× once settled)`,
      rows,
      json: { alerts, idleBytes: Object.fromEntries(idle), afterBytes: Object.fromEntries(after), settledBytes: Object.fromEntries(settled), settledAfterMs },
    };
  },
};
