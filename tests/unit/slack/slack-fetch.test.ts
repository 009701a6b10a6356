import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackFetch } from '../../../src/slack/slack-fetch';

// Slack's Web API client reads what fetch would give it: status, headers (Retry-After on a 429) and the body.

let server: http.Server;
let base: string;
let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('slackFetch', () => {
  it('posts the form and answers with the status, headers and body Slack sent', async () => {
    answer = (req, res, body) =>
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' }).end(JSON.stringify({ ok: true, got: body, auth: req.headers.authorization }));
    const res = await slackFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-1' },
      body: 'channel=C1&text=hi',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(await res.json()).toEqual({ ok: true, got: 'channel=C1&text=hi', auth: 'Bearer xoxb-1' });
  });

  it('passes on a 429 with its Retry-After', async () => {
    answer = (_req, res) => res.writeHead(429, { 'retry-after': '7' }).end();
    const res = await slackFetch(`${base}/api/reactions.add`, { method: 'POST', body: 'name=x' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('answers a status that carries no body, as fetch does', async () => {
    answer = (_req, res) => res.writeHead(204).end();
    expect((await slackFetch(`${base}/api/x`, { method: 'POST', body: 'a=1' })).status).toBe(204);
  });

  it('gives up when the client’s signal says the call took too long', async () => {
    answer = () => undefined;
    const late = slackFetch(`${base}/api/users.info`, { method: 'POST', body: 'user=U1', signal: AbortSignal.timeout(100) });
    await expect(late).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('gives up on an answer whose body stalls when the signal says so', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"ok":');
    const late = slackFetch(`${base}/api/users.info`, { method: 'POST', body: 'user=U1', signal: AbortSignal.timeout(100) });
    await expect(late).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
