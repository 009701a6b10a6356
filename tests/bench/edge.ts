import { randomUUID } from 'node:crypto';
import { signedSlackHeaders } from '../helpers/slack-signing';
import { agentReplyEvent } from './reply-event';
import { atRate } from './at-rate';
import { openConversations } from './conversations';
import { startNoopBolt } from './noop-bolt';
import type { BenchSection, ReportRow } from './section';
import { distribution, formatDuration, spread } from './stats';

// Slack's side of the edge: how long Slack waits for its 200 at a steady rate of agent replies, now that the
// answer comes only once the event is stored, beside a no-op Bolt app answering the same events in the same run.

const PER_SECOND = 200;
const SECONDS = 5;
// Sent first to each and not counted: the first second pays for opening connections and compiling hot code.
const WARM_UP = PER_SECOND;
const CONVERSATIONS = 20;

export const edgeSection: BenchSection = {
  name: 'edge',
  async run(h, { alerts }) {
    const runId = randomUUID().slice(0, 8);
    const threads = (await openConversations(h, `edge_${runId}`, CONVERSATIONS)).map((c) => c.rootTs);
    const count = Math.min(alerts, PER_SECOND * SECONDS);
    const textOf = (prefix: string, i: number) => `edge ${prefix}${runId} ${i}`;
    // A ts of its own for every reply of every run: one seen before in the thread is an edit, not a reply.
    const runs = ['Nw', 'N', 'Hw', 'H', 'Aw', 'A'];
    const envelope = (prefix: string, i: number) =>
      agentReplyEvent({
        eventId: `Ev${prefix}${runId}${i}`,
        text: textOf(prefix, i),
        ts: `${2_100_000_000 + i}.${String(100 + runs.indexOf(prefix)).padStart(6, '0')}`,
        threadTs: threads[i % threads.length]!,
      });
    // When each of Handoff's measured replies was sent, for the time until the platform has it.
    const sentAt = new Map<string, number>();
    const send = async (url: string, i: number, prefix: string) => {
      const body = envelope(prefix, i);
      if (prefix === 'H') sentAt.set(textOf(prefix, i), Date.now());
      const res = await fetch(url, { method: 'POST', body: body.body, headers: signedSlackHeaders(h.config.slack.signingSecret, body) });
      if (res.status !== 200) throw new Error(`event answered ${res.status}`);
      await res.body?.cancel();
    };
    const floor = await startNoopBolt(h.config.slack.signingSecret);
    const measured = async (url: string, prefix: string) => {
      await atRate(Math.min(count, WARM_UP), PER_SECOND, (i) => send(url, i, `${prefix}w`));
      return distribution(await atRate(count, PER_SECOND, (i) => send(url, i, prefix)));
    };
    let noop;
    try {
      noop = await measured(floor.url, 'N');
    } finally {
      await floor.stop();
    }
    const handoff = await measured(`${h.baseUrl}/slack/events`, 'H');
    const ratio = handoff.p99 / noop.p99;
    // The same replies at the same steady rate, followed to the customer: the relay target is this latency.
    const textOfDelivery = (d: { body: unknown }) => String((d.body as { data?: { text?: string } }).data?.text ?? '');
    const delivered = await h.platform.waitFor((d) => sentAt.has(textOfDelivery(d)), 120_000, sentAt.size);
    const relayed = distribution(delivered.map((d) => d.at - sentAt.get(textOfDelivery(d))!));
    // The same events with the worker replicas stopped (SIGSTOP), so the web replica and PostgreSQL have the
    // machine to themselves: what acknowledging costs when the workers are not competing for the same cores.
    const workers = h.replicas.filter((r) => r.role === 'worker');
    let alone;
    if (workers.length > 0) {
      for (const w of workers) process.kill(w.pid, 'SIGSTOP');
      try {
        alone = await measured(`${h.baseUrl}/slack/events`, 'A');
      } finally {
        for (const w of workers) process.kill(w.pid, 'SIGCONT');
      }
    }
    return {
      title: `Slack edge: ${count} agent replies at ${PER_SECOND}/s over ${CONVERSATIONS} threads, answered after the event is stored`,
      rows: [
        spread('Handoff: event acknowledged', handoff, ['p50', 'p95', 'p99', 'max']),
        spread('floor: no-op Bolt app', noop, ['p50', 'p95', 'p99', 'max']),
        { label: 'p99 ratio (target ≤ 3×, ≤ 30 ms)', values: [['ratio', `${ratio.toFixed(1)}×`], ['p99', formatDuration(handoff.p99)]] },
        spread('reply → customer webhook (target p99 ≤ 100 ms)', relayed, ['p50', 'p95', 'p99', 'max']),
        ...(alone
          ? [
              spread('Handoff, workers stopped', alone, ['p50', 'p95', 'p99', 'max']),
              { label: 'p99 ratio, workers stopped', values: [['ratio', `${(alone.p99 / noop.p99).toFixed(1)}×`], ['p99', formatDuration(alone.p99)]] } as ReportRow,
            ]
          : []),
      ],
      json: { perSecond: PER_SECOND, events: count, handoffMs: handoff, noopBoltMs: noop, p99Ratio: ratio, relayedMs: relayed, workersStoppedMs: alone ?? null },
    };
  },
};
