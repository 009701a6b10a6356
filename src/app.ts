import type { Config } from './config';
import { createDatabase, type Database } from './db/client';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { applyMigrations } from './db/migrate';
import { ensureTenancy, type Tenancy } from './db/repositories/tenancy';
import { fileLinkKey } from './domain/file-link';
import { deliver } from './jobs/handlers/deliver';
import { handleSlackEvent } from './jobs/handlers/handle-slack-event';
import { sendFeedback } from './jobs/handlers/send-feedback';
import { sendDirectMessage } from './jobs/handlers/send-direct-message';
import { syncThread } from './jobs/handlers/sync-thread';
import { updateRoot } from './jobs/handlers/update-root';
import { JobQueues, connectRedis } from './jobs/queues';
import { DeliveringHere } from './jobs/delivering-here';
import { sweepOnce } from './jobs/sweeper';
import { startWorkers } from './jobs/worker';
import type { Logger } from './logger';
import { slackEventHandlers } from './slack/listeners';
import { createSlackClient } from './slack/client';
import { RedisPacer } from './slack/pacing/redis-pacer';
import { SlackTeamDirectory } from './slack/team-directory';
import { AgentProfiles } from './relay/agent-profile';
import { StartupError, identifyBot, waitForRedis } from './startup-checks';

export interface RunningHandoff {
  port: number;
  db: Database;
  tenancy: Tenancy;
  stop(): Promise<void>;
}

async function openDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if ('url' in config.database) return { url: config.database.url };
  logger.info({ dir: config.database.embeddedDir }, 'DATABASE_URL is not set: using the embedded database (one process only)');
  const embedded = await startEmbeddedDatabase(config.database.embeddedDir);
  return { url: embedded.url, embedded };
}

// The composition root: config in, every client, listener, route and worker wired, one stop() to end them in order.
export async function startHandoff(config: Config, logger: Logger): Promise<RunningHandoff> {
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const database = await openDatabase(config, logger);
    if (database.embedded) stops.push(() => database.embedded!.stop());
    await applyMigrations(database.url).catch((err) => {
      throw new StartupError(`PostgreSQL is unreachable or refused the migrations at DATABASE_URL (${(err as Error).message})`);
    });
    const db = createDatabase({ url: database.url, maxConnections: database.embedded ? 1 : config.database.poolSize });
    stops.push(() => db.$disconnect());

    const slack = createSlackClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl });
    const identity = await identifyBot(slack);
    const tenancy = await ensureTenancy(db, {
      slackTeamId: identity.teamId,
      platformName: config.platform.name,
      settings: {
        alertsChannel: config.slack.alertsChannel,
        relayMode: config.relay.mode,
        sendMarker: config.relay.sendMarker,
        agentsUserGroup: config.workspace.agentsUserGroup ?? null,
        supervisorsUserGroup: config.workspace.supervisorsUserGroup ?? null,
        takeOverEmoji: config.workspace.takeOverEmoji,
        closeEmoji: config.workspace.closeEmoji,
      },
    });

    const producer = connectRedis(config.redis.url, false);
    stops.push(() => producer.disconnect());
    await waitForRedis(producer, config.redis.url);
    const queues = new JobQueues(producer, logger, {
      redisUrl: config.redis.url,
      prefix: config.redis.queuePrefix,
      attempts: config.jobs.attempts,
      backoffMs: config.jobs.backoffMs,
    });
    stops.push(() => queues.close());
    const fileLinks = { key: fileLinkKey(config.platform.signingSecret), publicUrl: config.publicUrl, ttlSeconds: config.fileLinks.ttlSeconds };

    const directory = new SlackTeamDirectory(slack);
    const relayDeps = { db, work: queues, slack, logger, graceSeconds: config.relay.graceSeconds, directory };

    if (config.role !== 'web') {
      const consumer = connectRedis(config.redis.url, true);
      stops.push(() => consumer.disconnect());
      // One schedule per workspace in Redis, shared by every worker replica.
      const pacer = new RedisPacer(producer, `${config.redis.queuePrefix}:pace:${identity.teamId}`, config.slack.paced);
      const jobDeps = { db, slack, pacer, work: queues, logger, graceSeconds: config.relay.graceSeconds };
      const { webhookUrl, webhookSecret } = config.platform;
      const deliverDeps = {
        db,
        slack,
        profiles: new AgentProfiles(slack),
        work: queues,
        logger,
        target: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : null,
        fileLinks,
        maxAttempts: config.jobs.attempts,
        backoffMs: config.jobs.backoffMs,
      };
      // Replies handled here send what is due at once themselves; the deliveries they chain to go by the queue.
      const deliveringHere = new DeliveringHere(queues, (deliveryId) => deliver(deliverDeps, { deliveryId }));
      const handlers = slackEventHandlers({ ...relayDeps, work: deliveringHere }, tenancy, identity);
      const inboxDeps = { db, slack, work: queues, logger, handlers };
      const sweep = () =>
        sweepOnce(db, queues).then((n) => {
          if (n > 0) logger.info({ requeued: n }, 'sweeper re-queued unfinished work');
        });
      const workers = startWorkers(
        consumer,
        config.redis.queuePrefix,
        {
          syncThread: (p) => syncThread(jobDeps, p),
          updateRoot: (p) => updateRoot(jobDeps, p),
          sendDirectMessage: (p) => sendDirectMessage(jobDeps, p),
          sendFeedback: (p) => sendFeedback(jobDeps, p),
          deliver: (p) => deliver(deliverDeps, p),
          handleSlackEvent: (p) => handleSlackEvent(inboxDeps, p),
          sweep,
        },
        logger,
        config.jobs.concurrency,
      );
      stops.push(() => Promise.all(workers.map((w) => w.close())));
      // What a crash or a Redis outage left unfinished is picked up at once, not at the first scheduled sweep.
      // A Redis that came back empty has lost the schedule too, so each worker sets it again every period;
      // setting it is idempotent and keeps its timing.
      await queues.scheduleSweeps(config.jobs.sweepEveryMs);
      const keepSchedule = setInterval(() => {
        queues.scheduleSweeps(config.jobs.sweepEveryMs).catch((err) => logger.warn({ err }, 'could not set the sweep schedule again'));
      }, config.jobs.sweepEveryMs);
      keepSchedule.unref();
      stops.push(() => clearInterval(keepSchedule));
      await sweep().catch((err) => logger.warn({ err }, 'the start-up sweep failed; the schedule tries again'));
      logger.info({ queues: workers.length }, 'Handoff workers are running');
    }

    let port = 0;
    if (config.role !== 'worker') {
      const { startWeb } = await import('./web');
      const web = await startWeb({ config, db, work: queues, slack, logger, tenancy, identity, relayDeps, eventHandlers: slackEventHandlers(relayDeps, tenancy, identity), fileLinkKey: fileLinks.key });
      stops.push(...web.stops);
      port = web.port;
    }
    return { port, db, tenancy, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
