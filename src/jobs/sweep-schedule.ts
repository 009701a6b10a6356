import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { JobQueues } from './queues';

export interface SweepScheduleDeps {
  queues: JobQueues;
  // The connection the schedule is set through; its 'ready' says Redis is (back) there.
  redis: Redis;
  logger: Logger;
  everyMs: number;
  sweep: () => Promise<void>;
}

// What a crash or a Redis outage left unfinished is picked up at once, not at the first scheduled sweep. The
// schedule lives in Redis, so one that was away at start-up or came back empty has none: each worker sets it
// again every period and whenever its connection is ready again, and sweeps then too. Setting it is
// idempotent and keeps its timing. Resolves after the first sweep; the returned function stops the upkeep.
export async function keepSweeping(deps: SweepScheduleDeps): Promise<() => void> {
  const { queues, redis, logger, everyMs } = deps;
  const schedule = () => queues.scheduleSweeps(everyMs).catch((err) => logger.warn({ err }, 'could not set the sweep schedule; trying again'));
  const sweep = () => deps.sweep().catch((err) => logger.warn({ err }, 'the sweep failed; the schedule tries again'));
  const back = () => {
    logger.info('Redis is ready: setting the sweep schedule and sweeping');
    void schedule().then(sweep);
  };
  await schedule();
  await sweep();
  redis.on('ready', back);
  const timer = setInterval(schedule, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    redis.off('ready', back);
  };
}
