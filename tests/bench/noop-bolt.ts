import type { Server } from 'node:http';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

export interface NoopBolt {
  url: string;
  stop(): Promise<void>;
}

// The floor for answering Slack: a Bolt app on the same express and Bolt versions whose only listener does
// nothing, so what it costs is signature checking, parsing and Bolt's own routing.
export async function startNoopBolt(signingSecret: string): Promise<NoopBolt> {
  const http = express();
  const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events', app: http, logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-noop', botId: 'B0NOOP', botUserId: 'U0NOOP', tokenVerificationEnabled: false, receiver, logLevel: LogLevel.ERROR });
  app.event('message', async () => undefined);
  const server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
