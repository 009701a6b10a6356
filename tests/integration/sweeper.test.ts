import type { Redis } from 'ioredis';
import { JobQueues, connectRedis } from '../../src/jobs/queues';
import { sweepOnce } from '../../src/jobs/sweeper';
import { createLogger } from '../../src/logger';
import { handoffRequest } from '../../src/http/schemas/handoff-request';
import { receiveAlert } from '../../src/services/receive-alert';
import { triageConversation } from '../../src/services/triage-conversation';
import { SlackTeamDirectory } from '../../src/slack/team-directory';
import { createSlackClient } from '../../src/slack/client';
import { createMetrics } from '../../src/metrics/metrics';
import { waitForRedis } from '../../src/startup-checks';
import { alertBody } from '../helpers/alerts';
import { openCuttablePath, type CuttablePath } from '../helpers/cuttable-path';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { TEST_REDIS_URL } from '../helpers/services';
import { waitForSettled } from '../helpers/settle';
import { openConversation, waitUntil } from '../helpers/slack-user';
import { WAIT_MS } from '../helpers/timeouts';

// Older than the sweeper's grace period, so it treats the alert's work as lost rather than still queued.
const LATER = 11_000;

let h: Harness;
let redisPath: CuttablePath;
let redisUrl: string;
let producer: Redis;
let work: JobQueues;

beforeAll(async () => {
  h = await startHarness();
  redisPath = await openCuttablePath(TEST_REDIS_URL);
  redisUrl = redisPath.through(TEST_REDIS_URL);
  // Connected as the web process connects, but through a path this test can cut.
  producer = connectRedis(redisUrl, false, createLogger('silent'));
  expect(await waitForRedis(producer, WAIT_MS)).toBe(true);
  work = new JobQueues(producer, createLogger('silent'), { redisUrl, prefix: h.config.redis.queuePrefix, ...h.config.jobs });
});
afterAll(async () => {
  await work.close();
  producer.disconnect();
  await redisPath.cut();
  await h.stop();
});

const isRoot = (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

describe('crash recovery', () => {
  it('posts an alert that was stored while Redis was down, once Redis is back and the sweeper finds it', async () => {
    const deps = { db: h.app.db, work, logger: createLogger('silent'), metrics: createMetrics() };
    // Before the crash, alerts go through the queue as usual.
    const before = alertBody();
    await receiveAlert(deps, h.app.tenancy!, 'msg_sweeper_before', handoffRequest.parse(before));
    await h.slack.waitFor(isRoot);
    await waitForSettled(h);
    h.slack.reset();

    await redisPath.cut();
    const body = alertBody();
    const answer = await receiveAlert(deps, h.app.tenancy!, 'msg_sweeper_during', handoffRequest.parse(body));
    expect(answer).toEqual({ statusCode: 202, body: { conversationId: body.conversationId, status: 'waiting', agentsAvailable: true } });
    const stored = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string } });
    expect(stored.slackThreadTs).toBeNull();
    expect(h.slack.calls('chat.postMessage')).toEqual([]);

    await redisPath.restore();
    expect(await waitForRedis(producer, WAIT_MS)).toBe(true);
    // Two replicas sweeping at the same moment each re-queue the lost work; it is still posted once.
    const later = Date.now() + LATER;
    expect(await Promise.all([sweepOnce(h.app.db, work, new Date(later)), sweepOnce(h.app.db, work, new Date(later + 1))])).toEqual([1, 1]);
    const [root] = await h.slack.waitFor(isRoot);
    const rootTs = (root!.response as { ts: string }).ts;
    const [transcript] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs && String(c.args.text).startsWith('Transcript'),
    );
    expect(JSON.stringify(transcript!.args.blocks)).toContain('I want to talk to a person.');
    await waitForSettled(h);

    // Everything is posted now: a later sweep finds nothing to re-queue.
    expect(await sweepOnce(h.app.db, work, new Date(Date.now() + LATER))).toBe(0);
    expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
    // The root message, the thread intro and the transcript: each exactly once.
    expect(h.slack.calls('chat.postMessage')).toHaveLength(3);
    expect(h.slack.problems()).toEqual([]);
    const posted = await h.app.db.conversation.findUniqueOrThrow({ where: { id: stored.id } });
    expect(posted.slackThreadTs).toBe(rootTs);
  });

  it('sends a direct message whose job was lost, and gives up on one Slack refuses for good', async () => {
    const slack = createSlackClient({ token: 'xoxb-test-token', apiUrl: h.config.slack.apiUrl, calls: createMetrics().slackCalls });
    const deps = { db: h.app.db, work, slack, logger: createLogger('silent'), graceSeconds: 0, directory: new SlackTeamDirectory(async () => slack) };
    const c = await openConversation(h);
    await waitForSettled(h);
    await redisPath.cut();
    const assign = { type: 'assign' as const, actorId: 'U0SUE', priority: 'high' as const };
    expect(await triageConversation(deps, h.app.tenancy!, c.id, { ...assign, assigneeId: 'U0CAROL' })).toBeNull();
    const dm = await h.app.db.directMessage.findFirstOrThrow({ where: { conversationId: c.id } });
    expect(dm).toMatchObject({ userId: 'U0CAROL', reason: 'assigned', sentAt: null });

    await redisPath.restore();
    expect(await waitForRedis(producer, WAIT_MS)).toBe(true);
    // The root update, the thread line, the platform event and the direct message.
    expect(await sweepOnce(h.app.db, work, new Date(Date.now() + LATER))).toBe(4);
    await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0CAROL');
    await waitUntil(async () => (await h.app.db.directMessage.findUniqueOrThrow({ where: { id: dm.id } })).sentAt !== null);

    // Someone deactivated: Slack will never take the message, so it is kept with the reason and not asked for again.
    const other = await openConversation(h);
    h.slack.failNext('conversations.open', { error: 'user_disabled' });
    expect(await triageConversation(deps, h.app.tenancy!, other.id, { ...assign, assigneeId: 'U0GONE' })).toBeNull();
    await waitUntil(async () => (await h.app.db.directMessage.findFirst({ where: { userId: 'U0GONE', error: { not: null } } })) !== null);
    const refused = await h.app.db.directMessage.findFirstOrThrow({ where: { userId: 'U0GONE' } });
    expect(refused.error).toBe('Slack refused opening a direct message: user_disabled');
    await waitForSettled(h);
    await waitUntil(async () => (await h.app.db.outboundDelivery.count({ where: { state: 'pending' } })) === 0);
    expect(await sweepOnce(h.app.db, work, new Date(Date.now() + LATER))).toBe(0);
  });
});
