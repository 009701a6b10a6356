import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { HandoffError } from '../errors';
import type { Logger } from '../logger';
import { isConnectionError } from './connection-errors';
import { JOBS, QUEUE_NAMES, jobKindOf, type JobKind, type JobPayload } from './definitions';

export type JobHandlers = { [K in JobKind]: (payload: JobPayload<K>) => Promise<void> };

// A payload that does not fit its schema will not fit it on the next attempt either.
function payloadOf<K extends JobKind>(kind: K, data: unknown): JobPayload<K> {
  const parsed = JOBS[kind].payload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`job ${JOBS[kind].name} has a payload that fails its schema: ${parsed.error.message}`);
  return parsed.data as JobPayload<K>;
}

// A thread that is busy is not a failure: try again soon without spending one of the job's attempts.
const BUSY_DELAY_MS = 250;

async function run(handlers: JobHandlers, job: Job, token?: string): Promise<void> {
  const kind = jobKindOf(job.name);
  if (!kind) throw new UnrecoverableError(`no handler for job ${job.name}`);
  const payload = payloadOf(kind, job.data);
  try {
    await (handlers[kind] as (p: typeof payload) => Promise<void>)(payload);
  } catch (err) {
    if (!(err instanceof HandoffError)) throw err;
    const waitMs = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : err.code === 'busy' ? BUSY_DELAY_MS : undefined;
    if (waitMs !== undefined && token) {
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
    if (!err.retryable) throw new UnrecoverableError(`${err.code}: ${err.message}`);
    throw err;
  }
}

export function startWorkers(connection: Redis, prefix: string, handlers: JobHandlers, logger: Logger, concurrency: number): Worker[] {
  return Object.values(QUEUE_NAMES).map((queue) => {
    const worker = new Worker(queue, (job, token) => run(handlers, job, token), { connection, prefix, concurrency });
    // The one place job failures land: each attempt is logged; BullMQ retries or keeps the job as failed.
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      logger[final ? 'error' : 'warn']({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, final ? 'job failed for good' : 'job failed; will retry');
    });
    worker.on('error', (err) => {
      if (!isConnectionError(err)) logger.error({ err }, 'worker error');
    });
    return worker;
  });
}

// A graceful close lets the jobs in hand finish. A worker whose Redis is away could not record them finished
// and would wait for it for ever, so it lets go at once: the jobs' locks run out and they are taken again.
export async function closeWorkers(workers: Worker[], connection: Redis): Promise<void> {
  const force = connection.status !== 'ready';
  await Promise.all(workers.map((w) => w.close(force)));
}
