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

// The queues that carry work; the upkeep queue always holds the next scheduled sweep, so it is never empty.
const WORK_QUEUES = Object.values(QUEUE_NAMES).filter((name) => name !== QUEUE_NAMES.upkeep);

// Resolves once no job of Handoff's queues under `queuePrefix` has work left, so a test can assert that
// something did not happen. Work is only seen once it is enqueued: use waitForSettled after a Slack event,
// whose job is asked for just after Slack got its answer.
export async function waitForQueuesDrained(redis: { url: string; queuePrefix: string }, timeoutMs = WAIT_MS): Promise<void> {
  const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const queues = WORK_QUEUES.map((name) => new Queue(name, { connection, prefix: redis.queuePrefix }));
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

// Every Slack event Handoff stored is handled, and no job is left that could still act.
export async function waitForSettled(h: Harness, timeoutMs = WAIT_MS): Promise<void> {
  await waitUntil(async () => (await h.app.db.slackInbox.count({ where: { processedAt: null } })) === 0, timeoutMs);
  await waitForQueuesDrained(h.config.redis, timeoutMs);
}

// Waits until Handoff is done with an agent's reply in Slack: stored, its relay decided (sent, kept, withdrawn
// or failed), and no job left that could still act on it.
export async function replySettled(h: Harness, slackTs: string): Promise<void> {
  await waitUntil(async () => {
    const stored = await h.app.db.message.findFirst({ where: { slackTs } });
    return stored !== null && stored.relayState !== 'pending';
  });
  await waitForSettled(h);
}
