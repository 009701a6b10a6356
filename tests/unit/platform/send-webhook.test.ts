import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { sendWebhook } from '../../../src/platform/send-webhook';

// The platform's side is a real HTTP server on loopback: what it receives is what a platform would.

const SECRET = `whsec_${Buffer.from('a platform secret of thirty-two bytes').toString('base64')}`;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let url: string;
let answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/handoff-events`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answer = (_req, res) => res.writeHead(204).end();
});

describe('sendWebhook', () => {
  it('posts the event signed as Standard Webhooks says, and counts a 2xx as delivered', async () => {
    const event = { type: 'agent.message', data: { text: 'Hello — your refund is on its way' } };
    await expect(sendWebhook({ url, secret: SECRET }, 'msg_1', event)).resolves.toEqual({ delivered: true });
    const [got] = received;
    expect(JSON.parse(got!.body)).toEqual(event);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['webhook-id']).toBe('msg_1');
    const verified = new Webhook(SECRET).verify(got!.body, {
      'webhook-id': String(got!.headers['webhook-id']),
      'webhook-timestamp': String(got!.headers['webhook-timestamp']),
      'webhook-signature': String(got!.headers['webhook-signature']),
    });
    expect(verified).toEqual(event);
  });

  it('says what the platform answered when it refuses, and whether to try again', async () => {
    answer = (_req, res) => res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'conversation_closed', message: 'The chat has ended' }));
    const refused = await sendWebhook({ url, secret: SECRET }, 'msg_2', { type: 'x' });
    expect(refused).toMatchObject({ delivered: false, retryable: false });
    expect((refused as { why: string }).why).toMatch(/conversation_closed|The chat has ended/);

    answer = (_req, res) => res.writeHead(503).end();
    await expect(sendWebhook({ url, secret: SECRET }, 'msg_3', { type: 'x' })).resolves.toMatchObject({ delivered: false, retryable: true });
  });

  it('keeps a refusal a refusal when the platform stalls after saying so', async () => {
    answer = (_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).write('{"error":"bad_req');
    await expect(sendWebhook({ url, secret: SECRET, timeoutMs: 200 }, 'msg_6', { type: 'x' })).resolves.toMatchObject({ delivered: false, retryable: false });
  });

  it('follows a redirect that keeps the POST, and says where one that would drop it points', async () => {
    answer = (req, res, body) => {
      if (req.url === '/handoff-events') return res.writeHead(308, { location: '/v2/handoff-events' }).end();
      if (req.url === '/v2/handoff-events') return res.writeHead(JSON.parse(body).type === 'kept' ? 204 : 500).end();
      res.writeHead(404).end();
    };
    await expect(sendWebhook({ url, secret: SECRET }, 'msg_7', { type: 'kept' })).resolves.toEqual({ delivered: true });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['msg_7', 'msg_7']);

    answer = (_req, res) => res.writeHead(301, { location: 'https://platform.example/hooks' }).end();
    await expect(sendWebhook({ url, secret: SECRET }, 'msg_8', { type: 'x' })).resolves.toEqual({
      delivered: false,
      retryable: false,
      why: 'the platform redirects its webhook to https://platform.example/hooks: set CUSTOMER_WEBHOOK_URL to that address',
    });
  });

  it('gives up on a platform that does not answer in time, to be tried again', async () => {
    answer = () => undefined;
    const started = Date.now();
    const outcome = await sendWebhook({ url, secret: SECRET, timeoutMs: 200 }, 'msg_4', { type: 'x' });
    expect(outcome).toEqual({ delivered: false, retryable: true, why: 'the platform did not answer in time' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the platform could not be reached when nothing listens there', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sendWebhook({ url: `http://127.0.0.1:${port}/`, secret: SECRET }, 'msg_5', { type: 'x' });
    expect(outcome).toMatchObject({ delivered: false, retryable: true });
    expect((outcome as { why: string }).why).toMatch(/^could not reach the platform \(.*ECONNREFUSED.*\)$/);
  });
});
