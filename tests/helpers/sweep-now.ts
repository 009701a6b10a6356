import { JobQueues, connectRedis } from '../../src/jobs/queues';
import { sweepOnce } from '../../src/jobs/sweeper';
import { createLogger } from '../../src/logger';
import { waitForRedis } from '../../src/startup-checks';
import type { Harness } from './harness';

// One sweep of the running Handoff's database into its queues, as the scheduled sweep does, without waiting
// for the schedule. `at` lets work look older than the sweeper's grace period.
export async function sweepNow(h: Harness, at = new Date(Date.now() + 11_000)): Promise<number> {
  const logger = createLogger('silent');
  const redis = connectRedis(h.config.redis.url, false, logger);
  try {
    // Work is only queued through a connection that is ready; a new one is still connecting.
    if (!(await waitForRedis(redis))) throw new Error(`Redis did not answer at ${h.config.redis.url}`);
    const queues = new JobQueues(redis, logger, { redisUrl: h.config.redis.url, prefix: h.config.redis.queuePrefix, ...h.config.jobs });
    try {
      return await sweepOnce(h.app.db, queues, at);
    } finally {
      await queues.close();
    }
  } finally {
    redis.disconnect();
  }
}
