import { Queue } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { JOBS, QUEUE_NAMES, jobId, type JobKind, type JobPayload } from './definitions';
import type { Logger } from '../logger';
import { isConnectionError } from './connection-errors';
import type { WorkQueue } from './work-queue';

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  attempts: number;
  backoffMs: number;
}

// How long a change waits for others before the Homes that show it are published again.
const HOME_REFRESH_AFTER_MS = 2_000;

export function connectRedis(url: string, forWorker: boolean, logger: Logger): Redis {
  // Producers fail fast when Redis is down (the sweeper re-asks); workers wait for it to come back.
  // A producer also gives up on a silent network rather than hold an HTTP request open.
  const redis = new IORedis(
    url,
    forWorker ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 2000 },
  );
  // ioredis prints every failed reconnect of a client nobody listens to; an outage is one line when it starts
  // and one when it ends.
  let lost = false;
  redis.on('error', (err) => {
    if (!lost) logger.warn({ err: err.message }, 'Redis connection lost; reconnecting');
    lost = true;
  });
  redis.on('ready', () => {
    if (lost) logger.info('Redis connection is back');
    lost = false;
  });
  return redis;
}

// Thrown instead of waiting: the caller's data is already committed, and the sweeper asks for the work again.
export class QueueUnreachable extends Error {
  constructor(status: string) {
    super(`Redis is not connected (${status}); the work stays in PostgreSQL for the sweeper`);
    this.name = 'QueueUnreachable';
  }
}

// What /metrics shows of one queue, read only when it is scraped.
export interface QueueJobCounts {
  queue: string;
  counts: Record<string, number>;
}

export interface OldestWaitingJob {
  queue: string;
  // When the oldest job still waiting for a worker was queued, or its delay ended; null when none waits.
  dueAt: number | null;
}

const ARRIVED_EVENT = 1;

export class JobQueues implements WorkQueue {
  private readonly queues: Record<string, Queue>;

  constructor(
    private readonly connection: Redis,
    logger: Logger,
    settings: QueueSettings,
  ) {
    this.queues = Object.fromEntries(
      Object.values(QUEUE_NAMES).map((name) => [
        name,
        new Queue(name, {
          connection,
          prefix: settings.prefix,
          defaultJobOptions: {
            attempts: settings.attempts,
            backoff: { type: 'exponential', delay: settings.backoffMs },
            removeOnComplete: { count: 1000 },
            removeOnFail: { count: 5000 },
          },
        }),
      ]),
    );
    // Without a listener BullMQ prints every connection error itself, bypassing the log.
    for (const queue of Object.values(this.queues)) {
      queue.on('error', (err) => {
        if (!isConnectionError(err)) logger.warn({ err }, 'queue error');
      });
    }
  }

  async add<K extends JobKind>(kind: K, payload: JobPayload<K>, id: string, delayMs = 0, priority?: number): Promise<void> {
    const job = JOBS[kind];
    const ranked = priority ?? ('priority' in job ? job.priority : undefined);
    await this.queue(job.queue).add(job.name, job.payload.parse(payload), { jobId: id, delay: delayMs, ...(ranked !== undefined && { priority: ranked }) });
  }

  syncThread(conversationId: string, key: string): Promise<void> {
    return this.add('syncThread', { conversationId }, jobId('syncThread', conversationId, key));
  }

  updateRoot(conversationId: string, version: number, key?: string): Promise<void> {
    return this.add('updateRoot', { conversationId, version }, jobId('updateRoot', conversationId, version, ...(key ? [key] : [])));
  }

  assignAutomatically(conversationId: string, key?: string): Promise<void> {
    return this.add('assignAutomatically', { conversationId }, jobId('assignAutomatically', conversationId, ...(key ? [key] : [])));
  }

  // Each request its own job, so one asked for while an earlier one runs is not taken for it.
  assignWaiting(workspaceId: string, asked: number, key?: string): Promise<void> {
    return this.add('assignWaiting', { workspaceId }, jobId('assignWaiting', workspaceId, asked, ...(key ? [key] : [])));
  }

  sendDirectMessage(directMessageId: string, key?: string): Promise<void> {
    return this.add('sendDirectMessage', { directMessageId }, jobId('sendDirectMessage', directMessageId, ...(key ? [key] : [])));
  }

  sendEscalation(reminderId: string, key?: string): Promise<void> {
    return this.add('sendEscalation', { reminderId }, jobId('sendEscalation', reminderId, ...(key ? [key] : [])));
  }

  sendFeedback(feedbackId: string, key?: string, delayMs = 0): Promise<void> {
    return this.add('sendFeedback', { feedbackId }, jobId('sendFeedback', feedbackId, ...(key ? [key] : [])), delayMs);
  }

  // One job per workspace and moment: asking again before it runs finds the same id and adds nothing.
  refreshHomes(workspaceId: string): Promise<void> {
    const moment = Math.floor(Date.now() / HOME_REFRESH_AFTER_MS);
    return this.add('refreshHomes', { workspaceId }, jobId('refreshHomes', workspaceId, moment), HOME_REFRESH_AFTER_MS);
  }

  // Run once its moment is over: a job of the same id that already ran would swallow a later request of that
  // moment, and one that runs after it shows every change asked for in it.
  refreshHome(workspaceId: string, userId: string): Promise<void> {
    const now = Date.now();
    const moment = Math.floor(now / HOME_REFRESH_AFTER_MS);
    return this.add('refreshHome', { workspaceId, userId }, jobId('refreshHome', workspaceId, userId, moment), (moment + 1) * HOME_REFRESH_AFTER_MS - now);
  }

  deliver(deliveryId: string, delayMs = 0, key?: string): Promise<void> {
    return this.add('deliver', { deliveryId }, jobId('deliver', deliveryId, ...(key ? [key] : [])), delayMs);
  }

  sendAccountNotice(noticeId: string, key?: string): Promise<void> {
    return this.add('sendAccountNotice', { noticeId }, jobId('sendAccountNotice', noticeId, ...(key ? [key] : [])));
  }

  // An event as it arrives waits behind the events handed on (handOnLane), which go without a priority: BullMQ
  // runs those first, and the oldest arrival stays the first of its own set, where oldestWaiting finds it.
  handleSlackEvent(key: string, again?: string): Promise<void> {
    return this.add('handleSlackEvent', { key }, jobId('handleSlackEvent', key, ...(again ? [again] : [])), 0, ARRIVED_EVENT);
  }

  handOnLane(key: string, after: string): Promise<void> {
    return this.add('handleSlackEvent', { key }, jobId('handleSlackEvent', key, `after-${after}`));
  }

  // One schedule in Redis serves every worker replica: BullMQ runs each due sweep once, wherever. The
  // reminders tick on the same period; a tick that runs twice still fires each reminder once.
  async scheduleSweeps(everyMs: number): Promise<void> {
    const upkeep = this.queue(QUEUE_NAMES.upkeep);
    await upkeep.upsertJobScheduler('sweeper', { every: everyMs }, { name: JOBS.sweep.name, data: {} });
    await upkeep.upsertJobScheduler('reminders', { every: everyMs }, { name: JOBS.remind.name, data: {} });
  }

  // A queue that never reached Redis waits for it before its first command, however long that takes; an HTTP
  // request or a start-up must not wait with it.
  private queue(name: string): Queue {
    if (this.connection.status !== 'ready') throw new QueueUnreachable(this.connection.status);
    return this.queues[name]!;
  }

  jobCounts(): Promise<QueueJobCounts[]> {
    return Promise.all(
      Object.entries(this.queues).map(async ([queue, q]) => ({ queue, counts: await q.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed') })),
    );
  }

  // Jobs with a priority wait in a set of their own. Every job of one queue that has a priority has the same
  // one, so the first of each, oldest first, are the two candidates.
  oldestWaiting(): Promise<OldestWaitingJob[]> {
    return Promise.all(
      Object.entries(this.queues).map(async ([queue, q]) => {
        const firsts = (await Promise.all([q.getJobs('wait', 0, 0, true), q.getJobs('prioritized', 0, 0, true)])).flat();
        const due = firsts.map((job) => job.timestamp + (job.delay ?? 0));
        return { queue, dueAt: due.length > 0 ? Math.min(...due) : null };
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
