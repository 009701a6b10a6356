import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PaceWaitObserver } from '../slack/pacing/slack-pacer';

// What Handoff counts as it works. Every one lives in this process's memory, so counting costs the hot path no
// database round trip and no Redis command; what needs a query is collected only when /metrics is scraped
// (see scrape-gauges.ts).
export interface Metrics {
  registry: Registry;
  alertsReceived: Counter<'reason' | 'priority'>;
  deliveries: Counter<'outcome'>;
  relayLatency: Histogram;
  slackCalls: Counter<'method' | 'result'>;
  rateLimitWaits: Counter<'cause'>;
  rateLimitWaitSeconds: Counter<'cause'>;
  sweeperRequeued: Counter;
}

// One registry per process, made by the composition root, so two Handoffs in one process (as in the tests)
// never count into each other.
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'handoff_' });
  const registers = [registry];
  return {
    registry,
    alertsReceived: new Counter({
      name: 'handoff_alerts_received_total',
      help: 'Alerts the bot platform raised and Handoff stored (a replayed webhook-id is not counted again)',
      labelNames: ['reason', 'priority'],
      registers,
    }),
    deliveries: new Counter({
      name: 'handoff_deliveries_total',
      help: 'Webhooks to the bot platform that reached a final state, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    relayLatency: new Histogram({
      name: 'handoff_relay_latency_seconds',
      help: "From a Slack event's arrival to the platform's 2xx for the delivery it caused, grace period included",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 7.5, 10, 15, 30, 60, 300],
      registers,
    }),
    slackCalls: new Counter({
      name: 'handoff_slack_api_calls_total',
      help: "Slack Web API calls, by method and result (ok, or Slack's error code)",
      labelNames: ['method', 'result'],
      registers,
    }),
    rateLimitWaits: new Counter({
      name: 'handoff_slack_rate_limit_waits_total',
      help: "Times a Slack call waited for a slot in Slack's pace (pace) or was held off by a 429 (retry_after)",
      labelNames: ['cause'],
      registers,
    }),
    rateLimitWaitSeconds: new Counter({
      name: 'handoff_slack_rate_limit_wait_seconds_total',
      help: 'Seconds those waits lasted',
      labelNames: ['cause'],
      registers,
    }),
    sweeperRequeued: new Counter({
      name: 'handoff_sweeper_requeued_total',
      help: 'Unfinished work the sweeper found in PostgreSQL and queued again',
      registers,
    }),
  };
}

export function countPaceWait(metrics: Metrics): PaceWaitObserver {
  return (cause, seconds) => {
    metrics.rateLimitWaits.inc({ cause });
    metrics.rateLimitWaitSeconds.inc({ cause }, seconds);
  };
}
