import { freePort } from '../faults/helpers/free-port';
import { openCuttablePath, type CuttablePath } from '../helpers/cuttable-path';
import { startHarness, type Harness } from '../helpers/harness';
import { ADMIN_DATABASE_URL, TEST_REDIS_URL } from '../helpers/services';
import { openConversation, waitUntil } from '../helpers/slack-user';
import { WAIT_MS } from '../helpers/timeouts';

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

const READY = { status: 200, body: { database: 'up', redis: 'up' } };

describe('/readyz of a web process', () => {
  let h: Harness;
  let database: CuttablePath;
  let redis: CuttablePath;
  const readyz = () => probe(`${h.baseUrl}/readyz`);

  beforeAll(async () => {
    database = await openCuttablePath(ADMIN_DATABASE_URL);
    redis = await openCuttablePath(TEST_REDIS_URL);
    h = await startHarness({}, { via: { database, redis } });
  });
  afterAll(async () => {
    await Promise.all([database.restore(), redis.restore()]);
    await h.stop();
    await Promise.all([database.cut(), redis.cut()]);
  });
  // Each test leaves both paths open and Handoff ready again, as the next one expects.
  afterEach(async () => {
    await Promise.all([database.restore(), redis.restore()]);
    await waitUntil(async () => (await readyz()).status === 200, WAIT_MS);
  });

  it('answers 200 when PostgreSQL and Redis both answer', async () => {
    expect(await readyz()).toEqual(READY);
  });

  it('answers 503 naming the database while PostgreSQL cannot be reached, and 200 once it is back', async () => {
    await database.cut();
    expect(await readyz()).toEqual({ status: 503, body: { database: 'down', redis: 'up' } });
    // Still alive: an orchestrator must not restart a process whose database is away.
    expect(await probe(`${h.baseUrl}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    await database.restore();
    await waitUntil(async () => (await readyz()).status === 200, WAIT_MS);
    expect(await readyz()).toEqual(READY);
  });

  it('answers 503 naming Redis while Redis cannot be reached, and 200 once it is back', async () => {
    await redis.cut();
    expect(await readyz()).toEqual({ status: 503, body: { database: 'up', redis: 'down' } });
    await redis.restore();
    await waitUntil(async () => (await readyz()).status === 200, WAIT_MS);
    expect(await readyz()).toEqual(READY);
  });
});

describe('the health checks of a worker process', () => {
  let h: Harness;
  let healthPort: number;

  beforeAll(async () => {
    healthPort = await freePort();
    const envFor = async (role: 'web' | 'worker'): Promise<Record<string, string>> => (role === 'worker' ? { HEALTH_PORT: String(healthPort) } : {});
    h = await startHarness({}, { replicas: { web: 1, workers: 1, envFor } });
  });
  afterAll(() => h.stop());

  it('answers /healthz and /readyz on HEALTH_PORT, and nothing else there', async () => {
    const worker = `http://127.0.0.1:${healthPort}`;
    expect(await probe(`${worker}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe(`${worker}/readyz`)).toEqual(READY);
    expect((await probe(`${worker}/api/v1/handoffs`)).status).toBe(404);
  });

  it('serves the worker\'s own metrics on HEALTH_PORT: what the worker did, not the web replica', async () => {
    await openConversation(h);
    const metrics = await fetch(`http://127.0.0.1:${healthPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    // The web replica stored the alert; the worker posted it to Slack.
    expect(text).toMatch(/^handoff_slack_api_calls_total\{method="chat\.postMessage",result="ok"\} [1-9]/m);
    expect(text).not.toMatch(/^handoff_alerts_received_total\{/m);
  });
});
