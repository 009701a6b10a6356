import express, { type Express, Router } from 'express';
import IORedis from 'ioredis';
import type { Config } from '../config';
import { platformRequest } from '../http/platform-request';
import type { Logger } from '../logger';
import { PlaygroundStates } from './conversation-state';
import { customerTurn } from './customer-turn';
import { eventStream, OpenStreams } from './event-stream';
import { PlaygroundFeed } from './feed';
import { PAGE_CSP, playgroundPage } from './page';
import { PLAYGROUND_EVENTS_PATH, PLAYGROUND_MESSAGES_PATH, PLAYGROUND_PATH, PLAYGROUND_WEBHOOK_PATH } from './paths';
import { receiveWebhook } from './receive-webhook';

export interface MountedPlayground {
  // Ends the open event streams (the server cannot close while they last) and the Redis connections.
  stop(): Promise<void>;
}

// Adds the playground (PLAYGROUND=on) to the web server: the page, its event stream, the customer's messages,
// and, when Handoff's webhooks come here, the route that receives them.
export function mountPlayground(app: Express, deps: { config: Config; logger: Logger }): MountedPlayground {
  const { config, logger } = deps;
  const { url, queuePrefix } = config.redis;
  // Connected on first use, so a replica that never serves the playground opens nothing. The subscriber waits
  // out a Redis restart and subscribes again by itself; the other fails fast so a request is answered.
  const publisher = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2000 });
  const subscriber = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  const feed = new PlaygroundFeed(publisher, subscriber, queuePrefix, logger);
  const states = new PlaygroundStates(publisher, queuePrefix);
  const streams = new OpenStreams();
  const page = playgroundPage({ repliesHere: config.playground.repliesHere });

  const router = Router();
  router.get(PLAYGROUND_PATH, (_req, res) => {
    res
      .set({ 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' })
      .type('html')
      .send(page);
  });
  router.get(PLAYGROUND_EVENTS_PATH, eventStream(feed, states, streams));
  router.post(PLAYGROUND_MESSAGES_PATH, express.json({ limit: '64kb' }), customerTurn(states, config.platform.signingSecret));
  const { webhookSecret } = config.platform;
  if (config.playground.repliesHere && webhookSecret) {
    router.post(PLAYGROUND_WEBHOOK_PATH, ...platformRequest(webhookSecret), receiveWebhook(feed, states));
  }
  app.use(router);
  logger.info({ path: PLAYGROUND_PATH, repliesHere: config.playground.repliesHere }, 'the playground is on');

  return {
    async stop() {
      streams.endAll();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
