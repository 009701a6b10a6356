import { alertBody } from '../helpers/alerts';
import { openCuttablePath, type CuttablePath } from '../helpers/cuttable-path';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { TEST_REDIS_URL } from '../helpers/services';
import { waitUntil } from '../helpers/slack-user';
import { WAIT_MS } from '../helpers/timeouts';

// An alert accepted while Redis was away is queued by the sweeper once it is older than the sweeper's grace
// period (10 s); the sweeps run every second here.
const CATCH_UP_MS = 10_000 + WAIT_MS;

jest.setTimeout(CATCH_UP_MS + 30_000);

let h: Harness;
let redis: CuttablePath;

beforeAll(async () => {
  redis = await openCuttablePath(TEST_REDIS_URL);
  await redis.cut();
  h = await startHarness({ SWEEP_EVERY_MS: '1000' }, { via: { redis }, replicas: { web: 1, workers: 1 } });
});
afterAll(async () => {
  await redis.restore();
  await h.stop();
  await redis.cut();
});

const readyz = async () => {
  const res = await fetch(`${h.baseUrl}/readyz`);
  return { status: res.status, body: await res.json() };
};
const isRoot = (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

it('starts without Redis, keeps accepting alerts, and posts them once Redis is back, without a restart', async () => {
  // Both replicas started (the harness waited for the web to listen and the worker to run) with Redis away.
  expect(await readyz()).toEqual({ status: 503, body: { database: 'up', redis: 'down' } });

  const alert = alertBody();
  const accepted = await h.platformRequest('/api/v1/handoffs', alert);
  expect(accepted.status).toBe(202);
  expect(await accepted.json()).toEqual({ conversationId: alert.conversationId, status: 'waiting', agentsAvailable: true });
  const stored = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: alert.conversationId as string } });
  expect(stored.slackThreadTs).toBeNull();

  await redis.restore();
  await waitUntil(async () => (await readyz()).status === 200, WAIT_MS);
  expect(await readyz()).toEqual({ status: 200, body: { database: 'up', redis: 'up' } });
  const [root] = await h.slack.waitFor(isRoot, CATCH_UP_MS);
  expect(JSON.stringify(root!.args.blocks)).toContain('Jane Doe');
  await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: stored.id } })).slackThreadTs !== null, WAIT_MS);
  expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
  expect(h.slack.problems()).toEqual([]);
});
