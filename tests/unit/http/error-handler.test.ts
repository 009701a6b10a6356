import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { errorHandler } from '../../../src/http/error-handler';
import { postgresError } from '../../helpers/database-errors';

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
  app.get('/nul', () => {
    throw postgresError('P2039', '22021', 'invalid byte sequence for encoding "UTF8": 0x00');
  });
  app.get('/duplicate', () => {
    throw postgresError('P2002', '23505', 'duplicate key value violates unique constraint');
  });
  app.use(errorHandler(logger));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  logged.length = 0;
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

  it('answers 400 with the reason when the database refuses a value, and warns that the schema let it through', async () => {
    const res = await fetch(`${baseUrl}/nul`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      message: 'A value in the request cannot be stored: invalid byte sequence for encoding "UTF8": 0x00',
      issues: [{ path: '(body)', message: 'invalid byte sequence for encoding "UTF8": 0x00' }],
    });
    expect(logged).toEqual([expect.objectContaining({ level: 40, msg: 'the database refused a value the request schema let through' })]);
  });

  it('answers 500 without internals for any other database error', async () => {
    const res = await fetch(`${baseUrl}/duplicate`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/duplicate|constraint/);
    expect(logged).toEqual([expect.objectContaining({ level: 50, msg: 'request failed' })]);
  });
});
