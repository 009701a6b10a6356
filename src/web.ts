import type { Server } from 'node:http';
import type { WebClient } from '@slack/web-api';
import express from 'express';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Tenancy } from './db/repositories/tenancy';
import { mountHttpApi } from './http/server';
import type { WorkQueue } from './jobs/work-queue';
import type { Logger } from './logger';
import type { RelayDeps } from './services/relay-agent-reply';
import { createBolt, type BotIdentity } from './slack/bolt';
import { slackInbox, type SlackEventHandlers } from './slack/inbox/slack-inbox';
import { registerListeners } from './slack/listeners';

export interface WebDeps {
  config: Config;
  db: Database;
  work: WorkQueue;
  slack: WebClient;
  logger: Logger;
  tenancy: Tenancy;
  identity: BotIdentity;
  relayDeps: RelayDeps;
  eventHandlers: SlackEventHandlers;
  fileLinkKey: Buffer;
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

// What a web replica serves: Slack's events and interactions, and the bot platform's API. Loaded only by
// processes that serve HTTP, so a worker carries neither Bolt nor express.
export async function startWeb(deps: WebDeps): Promise<RunningWeb> {
  const { config, db, work, logger, tenancy } = deps;
  const stops: RunningWeb['stops'] = [];
  let server: Server;
  const http = express();
  http.disable('x-powered-by');
  const bolt = createBolt(config.slack, deps.identity, http, slackInbox(db, work, deps.eventHandlers), logger);
  bolt.error(async (err) => {
    logger.error({ err }, 'slack listener failed');
  });
  registerListeners(bolt, deps.relayDeps, tenancy);
  mountHttpApi(http, {
    db,
    work,
    logger,
    tenancy,
    platformSigningSecret: config.platform.signingSecret,
    slack: deps.slack,
    botToken: config.slack.botToken,
    fileLinkKey: deps.fileLinkKey,
  });
  try {
    if (config.slack.appToken) {
      await bolt.start();
      stops.push(() => bolt.stop());
    }
    server = await listen(http, config.port);
    stops.push(() => new Promise((r) => server.close(r)));
  } catch (err) {
    for (const s of stops.reverse()) await s();
    throw err;
  }
  const port = (server!.address() as { port: number }).port;
  logger.info({ port }, 'Handoff is listening');
  return { port, stops };
}
