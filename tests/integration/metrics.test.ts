import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { alertBody } from '../helpers/alerts';
import { hasSample, parseSamples, valueOf, type Sample } from '../helpers/prometheus-text';
import { replySettled, waitForSettled } from '../helpers/settle';
import { nextMessageTs, openThread, sendEvent, waitUntil } from '../helpers/slack-user';
import type { SlackCall } from '../helpers/slack-stand-in';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

let h: Harness;
useHarness((started) => (h = started), { env: { METRICS_TOKEN, SWEEP_EVERY_MS: '1000' } });

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(await res.text());
}

async function agentReply(threadTs: string, text: string): Promise<string> {
  const ts = nextMessageTs();
  await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0AGENT1', text, ts, thread_ts: threadTs });
  return ts;
}

const resultOf = (c: SlackCall) => (c.status === 429 ? 'ratelimited' : c.response.ok ? 'ok' : String(c.response.error));

// What the Slack stand-in saw since `from`, as the metric labels it.
function slackCallsSince(from: number): Map<string, { method: string; result: string; n: number }> {
  const seen = new Map<string, { method: string; result: string; n: number }>();
  for (const c of h.slack.calls().slice(from)) {
    const key = `${c.method} ${resultOf(c)}`;
    seen.set(key, { method: c.method, result: resultOf(c), n: (seen.get(key)?.n ?? 0) + 1 });
  }
  return seen;
}

describe('GET /metrics', () => {
  it('counts the alerts raised, the deliveries and their relay latency, and every Slack call, by exactly what happened', async () => {
    const before = await scrape();
    const callsBefore = h.slack.calls().length;
    const first = await openThread(h, { reason: 'frustration', priority: 'high' });
    await openThread(h, { reason: 'frustration', priority: 'high' });
    await openThread(h, { reason: 'human_request', priority: 'urgent' });
    // A retry of an alert already stored is answered again, not counted again.
    const replayed = alertBody({ reason: 'human_request', priority: 'urgent' });
    for (let i = 0; i < 2; i++) expect((await h.platformRequest('/api/v1/handoffs', replayed, { webhookId: 'msg_metrics_replay' })).status).toBe(202);
    // The first reply takes the conversation over (conversation.taken_over, then the reply), the second goes
    // to the agent's own conversation, the third is refused for good by the platform, and one ✔️ waits out a
    // 429's Retry-After.
    h.slack.failNext('reactions.add', { retryAfter: 1 });
    await replySettled(h, await agentReply(first.threadTs, 'I refunded the duplicate charge.'));
    await replySettled(h, await agentReply(first.threadTs, 'It will show in 3 days.'));
    h.platform.respondWith(400, { error: 'unknown_customer', message: 'no such customer' });
    await replySettled(h, await agentReply(first.threadTs, 'Anything else?'));
    await waitForSettled(h);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('handoff_alerts_received_total', { reason: 'frustration', priority: 'high' })).toBe(2);
    expect(moved('handoff_alerts_received_total', { reason: 'human_request', priority: 'urgent' })).toBe(2);
    expect(moved('handoff_deliveries_total', { outcome: 'delivered' })).toBe(3);
    expect(moved('handoff_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(moved('handoff_deliveries_total', { outcome: 'cancelled' })).toBe(0);
    // Every delivered event came from an agent's reply in Slack.
    expect(moved('handoff_relay_latency_seconds_count')).toBe(3);
    expect(moved('handoff_relay_latency_seconds_sum')).toBeGreaterThan(0);
    expect(moved('handoff_slack_rate_limit_waits_total', { cause: 'retry_after' })).toBe(1);
    expect(moved('handoff_slack_rate_limit_wait_seconds_total', { cause: 'retry_after' })).toBe(1);
    const calls = slackCallsSince(callsBefore);
    expect(calls.get('reactions.add ratelimited')?.n).toBe(1);
    for (const { method, result, n } of calls.values()) expect([method, result, moved('handoff_slack_api_calls_total', { method, result })]).toEqual([method, result, n]);
  });

  it('shows the queues and the inbox as they are when scraped', async () => {
    await waitForSettled(h);
    const settled = await scrape();
    for (const queue of ['slack', 'platform', 'inbox']) {
      expect(valueOf(settled, 'handoff_queue_jobs', { queue, state: 'wait' })).toBe(0);
      expect(hasSample(settled, 'handoff_queue_oldest_waiting_seconds', { queue })).toBe(true);
      expect(valueOf(settled, 'handoff_queue_oldest_waiting_seconds', { queue })).toBe(0);
    }
    expect(hasSample(settled, 'handoff_slack_inbox_lag_seconds')).toBe(true);
    expect(valueOf(settled, 'handoff_slack_inbox_lag_seconds')).toBe(0);

    // An event stored a minute ago whose payload was lost can never be handled: the inbox is a minute behind,
    // and every sweep asks for it again.
    const requeuedBefore = valueOf(settled, 'handoff_sweeper_requeued_total');
    await h.app.db.slackInbox.create({ data: { key: 'EvMETRICSLAG', receivedAt: new Date(Date.now() - 60_000) } });
    try {
      const behind = await scrape();
      expect(valueOf(behind, 'handoff_slack_inbox_lag_seconds')).toBeGreaterThanOrEqual(60);
      await waitUntil(async () => valueOf(await scrape(), 'handoff_sweeper_requeued_total') > requeuedBefore);
    } finally {
      await h.app.db.slackInbox.delete({ where: { key: 'EvMETRICSLAG' } });
    }
  });

  it('answers 401 to a scraper without the METRICS_TOKEN', async () => {
    const bare = await fetch(`${h.baseUrl}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    expect(await bare.json()).toMatchObject({ error: 'unauthorized' });
    const wrong = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('handoff_');
  });
});
