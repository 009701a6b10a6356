import { JobQueues, connectRedis } from '../../src/jobs/queues';
import { sweepOnce } from '../../src/jobs/sweeper';
import { createLogger } from '../../src/logger';
import type { Harness } from './harness';

// One sweep of the running Handoff's database into its queues, as the scheduled sweep does, without waiting
// for the schedule. `at` lets work look older than the sweeper's grace period.
export async function sweepNow(h: Harness, at = new Date(Date.now() + 11_000)): Promise<number> {
  const redis = connectRedis(h.config.redis.url, false);
  const queues = new JobQueues(redis, createLogger('silent'), { redisUrl: h.config.redis.url, prefix: h.config.redis.queuePrefix, ...h.config.jobs });
  try {
    return await sweepOnce(h.app.db, queues, at);
  } finally {
    await queues.close();
    redis.disconnect();
  }
}
