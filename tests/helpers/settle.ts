import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { QUEUE_NAMES } from '../../src/jobs/definitions';
import type { Harness } from './harness';
import { waitUntil } from './slack-user';
import { WAIT_MS } from './timeouts';

const POLL_MS = 25;
// Every state in which a job still has work ahead of it: a job that failed and will be retried waits in
// 'delayed', and so does one a handler put back because its thread was busy.
const UNFINISHED = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

// Resolves once no job of Handoff's queues under `queuePrefix` has work left, so a test can assert that
// something did not happen. Work is only seen once it is enqueued: after a Slack event, which Handoff
// acknowledges before handling it, first wait for what the event stores.
export async function waitForQueuesDrained(redis: { url: string; queuePrefix: string }, timeoutMs = WAIT_MS): Promise<void> {
  const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const queues = Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection, prefix: redis.queuePrefix }));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts(...UNFINISHED)] as const));
      const busy = counts.filter(([, byState]) => Object.values(byState).some((n) => n > 0));
      if (busy.length === 0) return;
      if (Date.now() >= deadline) {
        throw new Error(`queues under ${redis.queuePrefix} still had work after ${timeoutMs} ms: ${JSON.stringify(Object.fromEntries(busy))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

// Waits until Handoff is done with an agent's reply in Slack: stored, its relay decided (sent, kept, withdrawn
// or failed), and no job left that could still act on it.
export async function replySettled(h: Harness, slackTs: string): Promise<void> {
  await waitUntil(async () => {
    const stored = await h.app.db.message.findFirst({ where: { slackTs } });
    return stored !== null && stored.relayState !== 'pending';
  });
  await waitForQueuesDrained(h.config.redis);
}
