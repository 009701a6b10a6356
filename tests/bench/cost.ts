import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Harness } from '../helpers/harness';
import type { HandoffReplica } from '../helpers/handoff-processes';
import { waitForQueuesDrained } from '../helpers/settle';
import { waitUntil } from '../helpers/slack-user';
import { benchAlert, openConversations } from './conversations';
import { startPostgresCounter, type PostgresCounter } from './counters/postgres-round-trips';
import { startRedisCounter, type RedisCounter } from './counters/redis-commands';
import { startBenchHandoff } from './handoff';
import { agentReplyEvent } from './reply-event';
import type { BenchOptions, ReportRow, SelfStartingSection } from './section';

// What one alert and one relayed reply cost, counted from outside Handoff's processes: PostgreSQL round trips
// per role (through a counting proxy) and Redis commands (through MONITOR, on the run's queue prefix). A change
// that adds a query or a command to the hot path shows up here.

const UNITS = 20;
// Workers poll Redis while idle; a window is over once no command came for this long after the work ended.
// Longer than the one second a root refresh is held back to be coalesced, so a late one is still counted.
const QUIET_MS = 1_500;
const WAIT_MS = 60_000;

interface Counters {
  postgres: Partial<Record<HandoffReplica['role'], PostgresCounter>>;
  redis: RedisCounter;
}

interface Cost {
  web: number;
  worker: number;
  redisSent: number;
  redisInScripts: number;
  redisByName: Record<string, number>;
}

async function quiet(redis: RedisCounter): Promise<void> {
  for (let last = -1; ; ) {
    await redis.settle();
    const now = redis.commands().sent;
    if (now === last) return;
    last = now;
    await sleep(QUIET_MS);
  }
}

// Counts what `work` makes Handoff do, less what an idle Handoff does in the same time. Work left over from
// before (a refresh held back to be coalesced) is finished first, so it is not counted as this work's.
async function measure(h: Harness, counters: Counters, units: number, work: () => Promise<void>): Promise<Cost> {
  await waitForQueuesDrained(h.config.redis, WAIT_MS);
  const reset = async () => {
    await counters.redis.settle();
    counters.redis.reset();
    for (const c of Object.values(counters.postgres)) c.reset();
  };
  const read = async () => {
    await counters.redis.settle();
    const redis = counters.redis.commands();
    return { web: counters.postgres.web?.roundTrips() ?? 0, worker: counters.postgres.worker?.roundTrips() ?? 0, redis };
  };
  await reset();
  const started = Date.now();
  await work();
  await quiet(counters.redis);
  const busy = await read();
  const elapsed = Date.now() - started;
  await reset();
  await sleep(elapsed);
  const idle = await read();
  const per = (busyCount: number, idleCount: number) => Math.max(0, busyCount - idleCount) / units;
  const byName = Object.fromEntries(
    Object.entries(busy.redis.byName).map(([name, n]) => [name, per(n, idle.redis.byName[name] ?? 0)]).filter(([, n]) => (n as number) > 0),
  );
  return {
    web: per(busy.web, idle.web),
    worker: per(busy.worker, idle.worker),
    redisSent: per(busy.redis.sent, idle.redis.sent),
    redisInScripts: per(busy.redis.inScripts, idle.redis.inScripts),
    redisByName: byName,
  };
}

async function alerts(h: Harness, runId: string, units: number): Promise<void> {
  const ids = Array.from({ length: units }, (_, i) => `cost_${runId}_${i}`);
  for (const conversationId of ids) {
    const res = await h.platformRequest('/api/v1/handoffs', benchAlert(conversationId));
    if (res.status !== 202) throw new Error(`alert answered ${res.status}`);
  }
  // Done once every thread post is in Slack.
  await waitUntil(
    async () => (await h.app.db.threadPost.count({ where: { conversation: { externalId: { in: ids } }, slackTs: null } })) === 0 &&
      (await h.app.db.conversation.count({ where: { externalId: { in: ids }, slackThreadTs: { not: null } } })) === units,
    WAIT_MS,
  );
}

// `firstTs` keeps each batch's Slack ts apart: a ts seen before is an edit of that message, not a new reply.
async function replies(h: Harness, runId: string, threads: string[], units: number, firstTs: number): Promise<void> {
  for (let i = 0; i < units; i++) {
    const res = await h.slackRequest(agentReplyEvent({ eventId: `EvCost${runId}${i}`, text: `cost ${runId} ${i}`, ts: `${firstTs + i}.000100`, threadTs: threads[i % threads.length]! }));
    if (res.status !== 200) throw new Error(`event answered ${res.status}`);
  }
  // Done once each reply reached the platform and its ✔️ is on it in Slack.
  const ours = (text: string) => text.startsWith(`cost ${runId} `);
  await h.platform.waitFor((d) => ours(String((d.body as { data?: { text?: string } }).data?.text ?? '')), WAIT_MS, units);
  await waitUntil(async () => (await h.app.db.replyFeedback.count({ where: { doneAt: null } })) === 0, WAIT_MS);
}

function costRow(label: string, c: Cost): ReportRow {
  return {
    label,
    values: [
      ['PostgreSQL web', c.web.toFixed(1)],
      ['worker', c.worker.toFixed(1)],
      ['Redis', c.redisSent.toFixed(1)],
      ['in scripts', c.redisInScripts.toFixed(1)],
    ],
  };
}

export const costSection: SelfStartingSection = {
  name: 'cost',
  ownHandoff: true,
  async run(options: BenchOptions) {
    const postgres: Counters['postgres'] = {};
    // One sweep at start-up, none during the count.
    const h = await startBenchHandoff(
      options,
      async (role, env) => {
        postgres[role] ??= await startPostgresCounter(env.DATABASE_URL!);
        return { DATABASE_URL: postgres[role]!.url };
      },
      { SWEEP_EVERY_MS: '3600000' },
    );
    const redis = await startRedisCounter(h.config.redis.url, { keyPrefix: `${h.config.redis.queuePrefix}:` });
    try {
      const counters = { postgres, redis };
      const runId = randomUUID().slice(0, 8);
      const units = Math.min(options.alerts, UNITS);
      // Scripts loaded, connections open and statements prepared before anything is counted.
      const threads = (await openConversations(h, `cost_warm_${runId}`, 4)).map((c) => c.rootTs);
      await replies(h, `warm${runId}`, threads, 4, 2_200_000_000);
      const perAlert = await measure(h, counters, units, () => alerts(h, runId, units));
      const perReply = await measure(h, counters, units, () => replies(h, runId, threads, units, 2_300_000_000));
      return {
        title: `Cost: round trips and commands per alert and per relayed reply (${units} of each, one at a time)`,
        rows: [costRow('one alert, accepted and posted', perAlert), costRow('one reply, relayed and marked ✔️', perReply)],
        json: { units, perAlert, perReply },
      };
    } finally {
      await redis.stop();
      await h.stop();
      await Promise.all(Object.values(postgres).map((c) => c.stop()));
    }
  },
};
