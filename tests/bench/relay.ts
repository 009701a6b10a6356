import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { agentReplyEvent } from './reply-event';
import { runConcurrently } from './concurrency';
import { openConversations } from './conversations';
import { cpuPerUnit, cpuRow, readCpu } from './cpu-time';
import type { BenchSection } from './section';
import { distribution, perSecond, rate, spread } from './stats';

// Replies out: from the moment Slack's signed message event is sent to /slack/events until the platform
// stand-in has the signed agent.message webhook. The grace period is 0 here, so this is Handoff's own time.

const CONVERSATIONS = 50;

export const relaySection: BenchSection = {
  name: 'relay',
  async run(h, { alerts, concurrency }) {
    const runId = randomUUID().slice(0, 8);
    const threads = (await openConversations(h, `relay_${runId}`, CONVERSATIONS)).map((c) => c.rootTs);
    const replies = Math.min(alerts, 1000);
    const sentAt = new Map<string, number>();
    const ackMs: number[] = [];
    const cpuBefore = readCpu(h.replicas);
    const started = performance.now();
    await runConcurrently(replies, concurrency, async (i) => {
      const text = `bench reply ${runId} ${i}`;
      const event = agentReplyEvent({ eventId: `Ev${runId}${i}`, text, ts: `${2_000_000_000 + i}.000${runId.length}`, threadTs: threads[i % threads.length]! });
      sentAt.set(text, Date.now());
      const sent = performance.now();
      const res = await h.slackRequest(event);
      // Slack's answer comes only once the event is stored: this is what Slack waits for, against its 3 s.
      ackMs.push(performance.now() - sent);
      if (res.status !== 200) throw new Error(`event answered ${res.status}`);
    });
    const isBench = (d: { body: unknown }) => String((d.body as { data?: { text?: string } }).data?.text ?? '').startsWith(`bench reply ${runId}`);
    const delivered = await h.platform.waitFor(isBench, 120_000, replies);
    const elapsed = performance.now() - started;
    const cpu = cpuPerUnit(cpuBefore, readCpu(h.replicas), replies, elapsed);
    const latency = distribution(delivered.map((d) => d.at - sentAt.get((d.body as { data: { text: string } }).data.text)!));
    return {
      title: `Relay: ${replies} agent replies across ${CONVERSATIONS} conversations, ${concurrency} events in flight`,
      rows: [
        spread('Slack event acknowledged (stored)', distribution(ackMs), ['p50', 'p95', 'p99', 'max']),
        spread('Slack event → customer webhook', latency, ['p50', 'p95', 'p99', 'max']),
        { label: 'Replies delivered', values: [['rate', rate(perSecond(replies, elapsed))]] },
        cpuRow('CPU per reply, relayed', cpu),
      ],
      json: { replies, conversations: CONVERSATIONS, concurrency, ackMs: distribution(ackMs), latencyMs: latency, deliveredPerSecond: perSecond(replies, elapsed), cpuPerReplyMs: cpu.perUnitMs, busyCores: cpu.busyCores },
    };
  },
};
