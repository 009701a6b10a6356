import { JobQueues, connectRedis } from '../../src/jobs/queues';
import { createLogger } from '../../src/logger';
import { sendDueReminders } from '../../src/services/send-due-reminders';
import type { Harness } from './harness';

// One tick of the reminder schedule against the running Handoff's database, as of `at`, as a worker runs it.
// What it fires is queued under `queuePrefix` (the Handoff's own unless given: another prefix is a queue no
// worker reads, as if Redis lost the jobs). Resolves with how many reminders fired.
export async function remindNow(h: Harness, at: Date, queuePrefix = h.config.redis.queuePrefix): Promise<number> {
  const logger = createLogger('silent');
  const redis = connectRedis(h.config.redis.url, false, logger);
  const queues = new JobQueues(redis, logger, { redisUrl: h.config.redis.url, prefix: queuePrefix, ...h.config.jobs });
  try {
    return await sendDueReminders({ db: h.app.db, work: queues, logger }, at);
  } finally {
    await queues.close();
    redis.disconnect();
  }
}
