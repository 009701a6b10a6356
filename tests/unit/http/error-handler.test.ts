import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { errorHandler } from '../../../src/http/error-handler';

const logged: { level: number; msg: string }[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  app.get('/half-sent', (_req, res) => {
    res.status(200).set('content-length', '10');
    res.write('12345');
    throw new Error('Slack stopped sending');
  });
  app.use(errorHandler(logger));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('errorHandler', () => {
  it('cuts a response that broke off half-way instead of appending an error body to it', async () => {
    const res = await fetch(`${baseUrl}/half-sent`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(logged).toEqual([expect.objectContaining({ level: 40, msg: 'response broke off after it started' })]);
  });
});
