import { startHarness, type Harness } from '../helpers/harness';
import { hasSample, parseSamples, valueOf } from '../helpers/prometheus-text';
import { waitForSettled } from '../helpers/settle';
import { openConversation } from '../helpers/slack-user';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { replicas: { web: 1, workers: 1 } });
});
afterAll(() => h.stop());

describe('GET /metrics on a web replica', () => {
  it("counts what that process did: the alerts it stored, not the worker's Slack calls", async () => {
    await openConversation(h, { reason: 'high_value', priority: 'low' });
    await waitForSettled(h);
    const res = await fetch(`${h.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    const samples = parseSamples(await res.text());
    expect(valueOf(samples, 'handoff_alerts_received_total', { reason: 'high_value', priority: 'low' })).toBe(1);
    expect(h.slack.calls('chat.postMessage').length).toBeGreaterThan(0);
    expect(valueOf(samples, 'handoff_slack_api_calls_total', { method: 'chat.postMessage', result: 'ok' })).toBe(0);
    // Queue depths are the shared queues', whichever process is scraped.
    expect(hasSample(samples, 'handoff_queue_jobs', { queue: 'slack', state: 'wait' })).toBe(true);
    expect(valueOf(samples, 'handoff_queue_jobs', { queue: 'slack', state: 'wait' })).toBe(0);
  });
});
