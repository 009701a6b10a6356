import type { Server } from 'node:http';
import express from 'express';
import type { Config } from './config';
import type { Database } from './db/client';
import type { HealthRoutes } from './health/health-routes';
import { draining } from './http/draining';
import { requestId } from './http/request-id';
import { mountHttpApi } from './http/server';
import type { WorkQueue } from './jobs/work-queue';
import type { Logger } from './logger';
import type { Metrics } from './metrics/metrics';
import { mountPlayground } from './playground/mount-playground';
import type { ConnectionDeps } from './services/workspace-connections';
import { createBolt } from './slack/bolt';
import { slackInbox, type SlackEventRouter } from './slack/inbox/slack-inbox';
import { registerListeners, type SharedDeps } from './slack/listeners';
import { installRoutes } from './slack/oauth/install-routes';
import type { Workspaces } from './workspaces/workspaces';

export interface WebDeps {
  config: Config;
  db: Database;
  work: WorkQueue;
  logger: Logger;
  workspaces: Workspaces;
  connections: ConnectionDeps;
  listenerDeps: SharedDeps;
  route: SlackEventRouter;
  fileLinkKey: Buffer;
  metrics: Metrics;
  health: HealthRoutes;
}

export interface RunningWeb {
  port: number;
  stops: (() => Promise<unknown>)[];
}

function listen(app: express.Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}

// What a web replica serves: Slack's events and interactions, the install flow with many workspaces, and the
// bot platform's API. Loaded only by processes that serve HTTP, so a worker carries neither Bolt nor express.
export async function startWeb(deps: WebDeps): Promise<RunningWeb> {
  const { config, db, work, logger } = deps;
  const stops: RunningWeb['stops'] = [];
  let server: Server;
  const http = express();
  http.disable('x-powered-by');
  const drain = draining();
  http.use(drain.gate);
  http.use(requestId());
  const oauth = config.slack.workspaces.kind === 'many' ? config.slack.workspaces : null;
  if (oauth) {
    http.use(installRoutes({ db, connections: deps.connections, oauth, apiUrl: config.slack.apiUrl, publicUrl: config.publicUrl, logger }));
  }
  const bolt = createBolt(config.slack, deps.workspaces, http, slackInbox(db, work, deps.route), logger);
  bolt.error(async (err) => {
    logger.error({ err }, 'slack listener failed');
  });
  registerListeners(bolt, deps.listenerDeps);
  const playground = config.playground.enabled ? mountPlayground(http, { config, logger }) : null;
  mountHttpApi(http, {
    db,
    work,
    logger,
    workspaces: deps.workspaces,
    platformSigningSecret: config.platform.signingSecret,
    fileLinkKey: deps.fileLinkKey,
    metrics: deps.metrics,
    health: deps.health,
    installLinks: oauth && { db, publicUrl: config.publicUrl, stateSecret: oauth.stateSecret, ttlSeconds: oauth.installLinkTtlSeconds },
  });
  try {
    if (config.slack.appToken) {
      await bolt.start();
      stops.push(() => bolt.stop());
    }
    server = await listen(http, config.port);
    // Closing stops the listener and idle connections; the requests in hand finish first.
    stops.push(() => {
      drain.begin();
      return new Promise((r) => server.close(r));
    });
    // Pushed after the server so it runs before it: open event streams would keep the server from closing.
    if (playground) stops.push(() => playground.stop());
  } catch (err) {
    for (const s of stops.reverse()) await s();
    throw err;
  }
  const port = (server!.address() as { port: number }).port;
  logger.info({ port }, 'Handoff is listening');
  return { port, stops };
}
