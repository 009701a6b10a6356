import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback } from '../../helpers/no-outside-network';

// jest.config.js loads tests/helpers/no-outside-network.ts before every test file, this one included.

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('here'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the network in tests', () => {
  it('refuses fetch to a host outside this machine before anything is sent', async () => {
    const refused = await fetch('https://slack.com/api/auth.test').catch((err: Error) => err);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error & { cause?: unknown }).cause ?? refused)).toMatch(/Disallowed net connect.*slack\.com/);
  });

  it('refuses node:http requests to a host outside this machine', async () => {
    const refused = await new Promise<Error>((resolve) => get('http://bots.example.com/webhooks', () => resolve(new Error('answered'))).on('error', resolve));
    expect(refused.message).toMatch(/Disallowed net connect.*bots\.example\.com/);
  });

  it('lets requests to loopback through', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('here');
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('here');
  });

  it.each(['127.0.0.1:3000', 'localhost', 'localhost:80', '[::1]:5432'])('counts %s as loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['slack.com', 'api.slack.com:443', '127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1:80'])('counts %s as outside', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
