import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';

export interface NoopBolt {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const LOADER = path.resolve(__dirname, 'load-typescript.js');

// The floor for answering Slack: a Bolt app on the same express and Bolt versions whose only listener does
// nothing, so what it costs is signature checking, parsing and Bolt's own routing.
async function serveNoopBolt(signingSecret: string): Promise<number> {
  const http = express();
  const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events', app: http, logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-noop', botId: 'B0NOOP', botUserId: 'U0NOOP', tokenVerificationEnabled: false, receiver, logLevel: LogLevel.ERROR });
  app.event('message', async () => undefined);
  const server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  return (server.address() as { port: number }).port;
}

// In a process of its own, as Handoff's web replica runs, so neither shares an event loop with the load.
export async function startNoopBolt(signingSecret: string): Promise<NoopBolt> {
  const child = spawn(process.execPath, ['-r', LOADER, __filename], { env: { NOOP_BOLT_SECRET: signingSecret }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString('utf8').trim())));
    child.once('exit', (code) => reject(new Error(`the no-op Bolt app exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (require.main === module) {
  serveNoopBolt(process.env.NOOP_BOLT_SECRET!).then((port) => process.stdout.write(`${port}\n`));
}
