import type { Config } from './config';
import { closeDatabase, createDatabase, type Database } from './db/client';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { oldestUnprocessedSlackEvent } from './db/repositories/slack-inbox';
import { seedWorkspace } from './db/repositories/tenancy';
import { fileLinkKey } from './domain/file-link';
import { healthRoutes } from './health/health-routes';
import { startHealthServer } from './health/health-server';
import { readinessCheck } from './health/readiness';
import { deliver } from './jobs/handlers/deliver';
import { handleSlackEvent } from './jobs/handlers/handle-slack-event';
import { refreshHome, refreshHomes } from './jobs/handlers/refresh-homes';
import { sendFeedback, showFeedback } from './jobs/handlers/send-feedback';
import type { LoadedFeedback } from './db/repositories/reply-feedback';
import { sendDirectMessage } from './jobs/handlers/send-direct-message';
import { sendEscalation } from './jobs/handlers/send-escalation';
import { sendDueReminders } from './services/send-due-reminders';
import { syncThread } from './jobs/handlers/sync-thread';
import { updateRoot } from './jobs/handlers/update-root';
import { JobQueues, connectRedis } from './jobs/queues';
import { DeliveringHere } from './jobs/delivering-here';
import { sweepOnce } from './jobs/sweeper';
import { keepSweeping } from './jobs/sweep-schedule';
import { closeWorkers, startWorkers } from './jobs/worker';
import type { Logger } from './logger';
import { sendAccountNotice } from './jobs/handlers/send-account-notice';
import { assignAutomatically } from './services/assign-automatically';
import { assignWaiting } from './services/assign-waiting';
import { createMetrics, countPaceWait, type Metrics } from './metrics/metrics';
import { metricsRoute } from './metrics/metrics-route';
import { collectOnScrape } from './metrics/scrape-gauges';
import { slackEventRouter } from './slack/listeners';
import { createSlackClient } from './slack/client';
import { RedisPacer } from './slack/pacing/redis-pacer';
import { AgentProfiles } from './relay/agent-profile';
import { identifyBot, migrateDatabase, waitForRedis } from './startup-checks';
import { EnvironmentToken, InstalledTokens } from './workspaces/bot-tokens';
import type { AccountTenancy } from './workspaces/tenancy';
import { Workspaces } from './workspaces/workspaces';

export interface RunningHandoff {
  port: number;
  db: Database;
  workspaces: Workspaces;
  // With one workspace (SLACK_BOT_TOKEN), that workspace; null with many.
  tenancy: AccountTenancy | null;
  stop(): Promise<void>;
}

// With one workspace its token and settings come from the environment, which seeds its row once; with many,
// each workspace's come from its installation.
async function openWorkspaces(config: Config, db: Database, metrics: Metrics): Promise<Workspaces> {
  const { workspaces: mode, apiUrl } = config.slack;
  const clients = { apiUrl, calls: metrics.slackCalls };
  if (mode.kind === 'many') {
    return new Workspaces(db, new InstalledTokens(db, { clientId: mode.clientId, clientSecret: mode.clientSecret, apiUrl }), clients, null);
  }
  const identity = await identifyBot(createSlackClient({ token: mode.botToken, ...clients }));
  await seedWorkspace(db, {
    slackTeamId: identity.teamId,
    platformName: config.platform.name,
    bot: { botUserId: identity.botUserId, botId: identity.botId },
    settings: {
      alertsChannel: mode.alertsChannel,
      relayMode: config.relay.mode,
      sendMarker: config.relay.sendMarker,
      agentsUserGroup: config.workspace.agentsUserGroup ?? null,
      supervisorsUserGroup: config.workspace.supervisorsUserGroup ?? null,
      takeOverEmoji: config.workspace.takeOverEmoji,
      closeEmoji: config.workspace.closeEmoji,
      routingRules: config.workspace.routingRules,
      autoAssign: config.workspace.autoAssign,
      agentChatLimit: config.workspace.agentChatLimit,
      firstResponseTargets: config.workspace.firstResponseTargets,
      idleCloseSeconds: config.workspace.idleCloseSeconds,
      businessHours: config.workspace.businessHours ?? null,
      timeZone: config.workspace.timeZone,
    },
  });
  return new Workspaces(db, new EnvironmentToken(mode.botToken), clients, { slackTeamId: identity.teamId, platformName: config.platform.name });
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
    await migrateDatabase(database.url);
    const db = createDatabase({
      url: database.url,
      maxConnections: database.embedded ? 1 : config.database.poolSize,
      prepared: !database.embedded,
      onIdleConnectionLost: (err) => logger.warn({ err }, 'PostgreSQL closed an idle connection; the next statement opens another'),
    });
    stops.push(() => closeDatabase(db));

    const metrics = createMetrics();
    const workspaces = await openWorkspaces(config, db, metrics);

    const producer = connectRedis(config.redis.url, false, logger);
    stops.push(() => producer.disconnect());
    if (!(await waitForRedis(producer))) {
      logger.warn({ redisUrl: config.redis.url }, 'Redis is unreachable at REDIS_URL; starting anyway: requests are stored and their work is queued once Redis is back');
    }
    const queues = new JobQueues(producer, logger, {
      redisUrl: config.redis.url,
      prefix: config.redis.queuePrefix,
      attempts: config.jobs.attempts,
      backoffMs: config.jobs.backoffMs,
    });
    stops.push(() => queues.close());
    collectOnScrape(metrics.registry, { queues, oldestUnprocessedSlackEvent: () => oldestUnprocessedSlackEvent(db) }, logger);
    const health = {
      ...healthRoutes(readinessCheck({ db, redis: producer })),
      '/metrics': metricsRoute(metrics.registry, config.metrics.token),
    };
    const fileLinks = { key: fileLinkKey(config.platform.signingSecret), publicUrl: config.publicUrl, ttlSeconds: config.fileLinks.ttlSeconds };

    const listenerDeps = { db, work: queues, logger, graceSeconds: config.relay.graceSeconds };
    const connections = { db, work: queues, logger, forget: (w: { workspaceId: string; slackTeamId: string }) => workspaces.forget(w) };
    const { webhookUrl, webhookSecret } = config.platform;
    const target = webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : null;

    if (config.role !== 'web') {
      const consumer = connectRedis(config.redis.url, true, logger);
      stops.push(() => consumer.disconnect());
      // One schedule in Redis, shared by every worker replica; each workspace's limits are keyed by it.
      const pacer = new RedisPacer(producer, `${config.redis.queuePrefix}:pace`, config.slack.paced, countPaceWait(metrics));
      const jobDeps = { db, workspaces, pacer, work: queues, logger, graceSeconds: config.relay.graceSeconds };
      const deliverDeps = {
        db,
        workspaces,
        profiles: new AgentProfiles((workspaceId) => workspaces.slackFor(workspaceId)),
        work: queues,
        // A reply delivered here shows its ✔️ here too.
        showFeedback: (feedback: LoadedFeedback) => showFeedback(jobDeps, feedback),
        logger,
        target,
        fileLinks,
        maxAttempts: config.jobs.attempts,
        backoffMs: config.jobs.backoffMs,
        metrics,
      };
      // Replies handled here send what is due at once themselves; the deliveries they chain to go by the queue.
      const deliveringHere = new DeliveringHere(queues, (deliveryId) => deliver(deliverDeps, { deliveryId }));
      const route = slackEventRouter({ ...listenerDeps, work: deliveringHere }, workspaces, connections);
      const inboxDeps = { db, workspaces, work: queues, logger, route };
      const sweep = () =>
        sweepOnce(db, queues).then((n) => {
          metrics.sweeperRequeued.inc(n);
          if (n > 0) logger.info({ requeued: n }, 'sweeper re-queued unfinished work');
        });
      const workers = startWorkers(
        consumer,
        config.redis.queuePrefix,
        {
          syncThread: (p) => syncThread(jobDeps, p),
          updateRoot: (p) => updateRoot(jobDeps, p),
          assignAutomatically: (p) => assignAutomatically(jobDeps, p.conversationId),
          assignWaiting: (p) => assignWaiting(jobDeps, p.workspaceId),
          sendDirectMessage: (p) => sendDirectMessage(jobDeps, p),
          sendEscalation: (p) => sendEscalation(jobDeps, p),
          sendFeedback: (p) => sendFeedback(jobDeps, p),
          refreshHomes: (p) => refreshHomes(jobDeps, p),
          refreshHome: (p) => refreshHome(jobDeps, p),
          deliver: (p) => deliver(deliverDeps, p),
          sendAccountNotice: (p) => sendAccountNotice({ db, logger, target }, p),
          handleSlackEvent: (p) => handleSlackEvent(inboxDeps, p),
          sweep,
          remind: () => sendDueReminders({ db, work: queues, logger }, new Date()).then(() => undefined),
        },
        logger,
        config.jobs.concurrency,
      );
      stops.push(() => closeWorkers(workers, consumer));
      stops.push(await keepSweeping({ queues, redis: producer, logger, everyMs: config.jobs.sweepEveryMs, sweep }));
      if (config.role === 'worker' && config.healthPort !== undefined) {
        const healthServer = await startHealthServer(config.healthPort, health, logger);
        stops.push(() => healthServer.stop());
      }
      logger.info({ queues: workers.length }, 'Handoff workers are running');
    }

    let port = 0;
    if (config.role !== 'worker') {
      const { startWeb } = await import('./web');
      const route = slackEventRouter(listenerDeps, workspaces, connections);
      const web = await startWeb({ config, db, work: queues, logger, workspaces, connections, listenerDeps, route, fileLinkKey: fileLinks.key, metrics, health });
      stops.push(...web.stops);
      port = web.port;
    }
    const tenancy = workspaces.multi ? null : await workspaces.ofAccount(undefined);
    return { port, db, workspaces, tenancy, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
