import { performance } from 'node:perf_hooks';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import type { SlackCall } from '../helpers/slack-stand-in';
import { runConcurrently } from './concurrency';
import { benchAlert } from './conversations';
import type { BenchOptions, BenchSection, ReportRow } from './section';
import { ALERT_TRANSACTION_SQL, pgbenchTps } from './floors/pgbench';
import { cpuPerUnit, cpuRow, readCpu } from './cpu-time';
import { distribution, formatDuration, perSecond, rate, spread } from './stats';

// Long enough for pgbench's rate to settle; the smoke test in the suite asks for less.
const FLOOR_SECONDS = 10;

// Alerts in: how fast the platform's POST /api/v1/handoffs is answered, and how soon each alert's root
// message reaches Slack (here the local stand-in, which answers at once and never rate-limits).

interface Accepted {
  conversationId: string;
  // Wall-clock time of the 202, comparable with the stand-in's record of each Slack call.
  acceptedAt: number;
}

const isRoot = (c: SlackCall) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

async function sendAlerts(h: Harness, { alerts, concurrency }: BenchOptions, runId: string) {
  const latencies: number[] = [];
  const accepted: Accepted[] = [];
  await runConcurrently(alerts, concurrency, async (i) => {
    const conversationId = `bench_${runId}_${i}`;
    const started = performance.now();
    const res = await h.platformRequest('/api/v1/handoffs', benchAlert(conversationId));
    latencies.push(performance.now() - started);
    if (res.status !== 202) throw new Error(`alert ${i} answered ${res.status}: ${await res.text()}`);
    await res.body?.cancel();
    accepted.push({ conversationId, acceptedAt: Date.now() });
  });
  return { latencies, accepted };
}

// When each conversation's root message reached Slack, found through the thread ts Handoff stored for it.
async function postedTimes(h: Harness, accepted: Accepted[], timeoutMs: number): Promise<Map<string, number>> {
  const roots = await h.slack.waitFor((c) => isRoot(c) && c.status === 200, timeoutMs, accepted.length);
  const postedAtByTs = new Map(roots.map((c) => [(c.response as { ts: string }).ts, c.at]));
  const ids = accepted.map((a) => a.conversationId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await h.app.db.conversation.findMany({ where: { externalId: { in: ids } }, select: { externalId: true, slackThreadTs: true } });
    const posted = new Map<string, number>();
    for (const r of rows) {
      const at = r.slackThreadTs ? postedAtByTs.get(r.slackThreadTs) : undefined;
      if (at !== undefined) posted.set(r.externalId, at);
    }
    if (posted.size === ids.length) return posted;
    if (Date.now() > deadline) throw new Error(`only ${posted.size} of ${ids.length} root messages were recorded in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}


export const alertsSection: BenchSection = {
  name: 'alerts',
  async run(h, options) {
    const runId = Date.now().toString(36);
    const cpuBefore = readCpu(h.replicas);
    const started = Date.now();
    const { latencies, accepted } = await sendAlerts(h, options, runId);
    const allAccepted = Date.now();
    // Generous, yet bounded: a stalled worker ends the run instead of hanging it.
    const posted = await postedTimes(h, accepted, Math.max(60_000, options.alerts * 50));
    const lastPosted = Math.max(...posted.values());
    const cpu = cpuPerUnit(cpuBefore, readCpu(h.replicas), options.alerts, Date.now() - started);

    const request = distribution(latencies);
    const acceptedToPosted = distribution(accepted.map((a) => posted.get(a.conversationId)! - a.acceptedAt));
    const acceptedPerSecond = perSecond(accepted.length, allAccepted - started);
    const postedPerSecond = perSecond(posted.size, lastPosted - started);
    // Measured once the queue is empty, on the same database, with as many connections as requests in flight.
    const floorTps = await pgbenchTps({
      databaseUrl: (h.config.database as { url: string }).url,
      script: ALERT_TRANSACTION_SQL,
      variables: { platform: h.app.tenancy!.platformId, workspace: h.app.tenancy!.workspaceId },
      clients: options.concurrency,
      seconds: options.floorSeconds ?? FLOOR_SECONDS,
    });
    return {
      title: `Alerts: ${options.alerts} new conversations, ${options.concurrency} requests in flight`,
      rows: [
        spread('POST /api/v1/handoffs', request, ['p50', 'p95', 'p99', 'max']),
        { label: 'accepted (202)', values: [['rate', rate(acceptedPerSecond)], ['all in', formatDuration(allAccepted - started)]] },
        { label: 'floor: pgbench, same transaction', values: [['rate', rate(floorTps)], ['ratio', `${((100 * acceptedPerSecond) / floorTps).toFixed(1)} %`]] },
        spread('accepted → root in Slack', acceptedToPosted, ['p50', 'p99', 'max']),
        { label: 'posted to Slack', values: [['rate', rate(postedPerSecond)], ['all in', formatDuration(lastPosted - started)]] },
        cpuRow('CPU per alert, accepted and posted', cpu),
      ],
      json: {
        alerts: options.alerts,
        concurrency: options.concurrency,
        requestLatencyMs: request,
        acceptedPerSecond,
        pgbenchFloorTps: floorTps,
        acceptedOfFloor: acceptedPerSecond / floorTps,
        acceptedToPostedMs: acceptedToPosted,
        postedPerSecond,
        allPostedAfterMs: lastPosted - started,
        cpuPerAlertMs: cpu.perUnitMs,
        busyCores: cpu.busyCores,
      },
    };
  },
};
