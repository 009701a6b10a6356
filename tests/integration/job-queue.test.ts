import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { startHandoff } from '../../src/app';
import { INBOX_KEEP_MS } from '../../src/jobs/sweeper';
import { createLogger } from '../../src/logger';
import type { Harness } from '../helpers/harness';
import { waitUntil } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
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
