import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { startHandoff } from '../../src/app';
import { JobQueues } from '../../src/jobs/queues';
import { INBOX_KEEP_MS } from '../../src/jobs/sweeper';
import { createLogger } from '../../src/logger';
import type { Harness } from '../helpers/harness';
import { waitUntil } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started));

async function withQueue<T>(name: string, work: (q: Queue) => Promise<T>): Promise<T> {
  const connection = new IORedis(h.config.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: h.config.redis.queuePrefix });
  try {
    return await work(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

describe('the job queues', () => {
  it('fails a job whose payload does not fit its schema at once, not after every attempt', async () => {
    await withQueue('platform', async (q) => {
      const job = await q.add('deliver', { deliveryId: 42 }, { attempts: 8, backoff: { type: 'fixed', delay: 10 } });
      await waitUntil(async () => (await q.getJobState(job.id!)) === 'failed', 10_000);
      const failed = await q.getJob(job.id!);
      expect(failed!.attemptsMade).toBe(1);
      expect(failed!.failedReason).toMatch(/fails its schema/);
    });
  });

  it('runs the next event of a thread before events that arrived earlier, and still reports the oldest arrival', async () => {
    // A prefix with no worker of Handoff's on it, so the order is the queue's alone.
    const prefix = uniqueQueuePrefix();
    const connection = new IORedis(h.config.redis.url, { maxRetriesPerRequest: null });
    const queues = new JobQueues(connection, createLogger('silent'), { redisUrl: h.config.redis.url, prefix, attempts: 1, backoffMs: 10 });
    const handled: string[] = [];
    let worker: Worker | undefined;
    try {
      await connection.ping();
      const arrivedAt = Date.now();
      await queues.handleSlackEvent('EvArrived1');
      const firstQueued = Date.now();
      await queues.handleSlackEvent('EvArrived2');
      await queues.handOnLane('EvNextInThread', 'EvBefore');
      const inbox = (await queues.oldestWaiting()).find((q) => q.queue === 'inbox')!;
      expect(inbox.dueAt).toBeGreaterThanOrEqual(arrivedAt);
      expect(inbox.dueAt).toBeLessThanOrEqual(firstQueued);
      worker = new Worker('inbox', async (job) => void handled.push((job.data as { key: string }).key), { connection, prefix, concurrency: 1 });
      await waitUntil(async () => handled.length === 3, 10_000);
      expect(handled).toEqual(['EvNextInThread', 'EvArrived1', 'EvArrived2']);
    } finally {
      await worker?.close();
      await queues.close();
      connection.disconnect();
      await clearQueuePrefix(prefix);
    }
  });

  it('keeps one sweep schedule and one reminders schedule for every worker replica', async () => {
    const second = await startHandoff({ ...h.config, port: 0, role: 'worker' }, createLogger('silent'));
    try {
      await withQueue('upkeep', async (q) => {
        const schedulers = (await q.getJobSchedulers()).sort((a, b) => a.key.localeCompare(b.key));
        expect(schedulers).toEqual([
          expect.objectContaining({ key: 'reminders', every: h.config.jobs.sweepEveryMs }),
          expect.objectContaining({ key: 'sweeper', every: h.config.jobs.sweepEveryMs }),
        ]);
      });
    } finally {
      await second.stop();
    }
  });
});

describe('the inbox', () => {
  it('forgets handled Slack events after a week, and keeps unhandled and recent ones', async () => {
    const weekAgo = new Date(Date.now() - INBOX_KEEP_MS - 60_000);
    await h.app.db.slackInbox.createMany({
      data: [
        { key: 'EvOLDHANDLED', receivedAt: weekAgo, processedAt: weekAgo },
        { key: 'EvOLDWAITING', receivedAt: weekAgo, payload: { type: 'event_callback' } },
        { key: 'EvRECENT', processedAt: new Date() },
      ],
    });
    await sweepNow(h);
    const left = await h.app.db.slackInbox.findMany({ where: { key: { in: ['EvOLDHANDLED', 'EvOLDWAITING', 'EvRECENT'] } }, select: { key: true } });
    expect(left.map((r) => r.key).sort()).toEqual(['EvOLDWAITING', 'EvRECENT']);
  });
});
