import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { Counter, Registry } from 'prom-client';
import { createSlackClient } from '../../../src/slack/client';
import { formBody } from '../../../src/slack/web-api-call';

// Handoff's Slack client sends its calls itself rather than by WebClient's own path: Slack must get the same
// request, and the callers the same result or the same error, as from the SDK's WebClient.

interface Seen {
  path: string;
  authorization?: string;
  contentType?: string;
  form: Record<string, string>;
}

let server: http.Server;
let base: string;
let seen: Seen[] = [];
let answer: (res: http.ServerResponse) => void;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({
        path: req.url!,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
});

const calls = new Counter({ name: 'slack_calls_test', help: 'calls', labelNames: ['method', 'result'], registers: [new Registry()] });
const ours = () => createSlackClient({ token: 'xoxb-ours', apiUrl: base, calls });
const sdks = () => new WebClient('xoxb-ours', { slackApiUrl: base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });

const ARGS = {
  channel: 'C0ALERTS',
  text: 'Ada needs a person',
  blocks: [{ type: 'section', text: { type: 'plain_text', text: 'a & b = c?' } }],
  metadata: { event_type: 'handoff_post', event_payload: { id: 'root:1' } },
  unfurl_links: false,
  reply_broadcast: undefined,
  limit: 5,
};

// The same call through both clients: what the server saw of each, and what each answered or threw.
async function both(call: (client: WebClient) => Promise<unknown>): Promise<{ mine: unknown; theirs: unknown; sent: [Seen, Seen] }> {
  const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));
  const mine = await settle(call(ours()));
  const theirs = await settle(call(sdks()));
  return { mine, theirs, sent: [seen[0]!, seen[1]!] };
}

function errorFields(outcome: unknown) {
  const { error } = outcome as { error?: Record<string, unknown> & Error };
  if (!error) return outcome;
  return { class: error.constructor.name, message: error.message, code: error.code, data: error.data, retryAfter: error.retryAfter, statusCode: error.statusCode, body: error.body };
}

describe("Handoff's Slack client", () => {
  it('sends the form WebClient sends, with the bot token as Bearer, and reads the answer as it does', async () => {
    answer = (res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, reactions:write', 'x-accepted-oauth-scopes': 'chat:write' })
        .end(JSON.stringify({ ok: true, channel: 'C0ALERTS', ts: '1700000000.000100' }));
    const { mine, theirs, sent } = await both((c) => c.chat.postMessage(ARGS as never));
    expect(sent[0].form).toEqual(sent[1].form);
    expect(sent[0]).toMatchObject({ path: '/api/chat.postMessage', authorization: 'Bearer xoxb-ours', contentType: 'application/x-www-form-urlencoded' });
    expect(sent[1].authorization).toBe('Bearer xoxb-ours');
    expect(mine).toEqual(theirs);
    expect((mine as { value: { response_metadata: object } }).value.response_metadata).toEqual({ scopes: ['chat:write', 'reactions:write'], acceptedScopes: ['chat:write'] });
  });

  it('uses a token given with the call in place of its own', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    const { sent } = await both((c) => c.auth.test({ token: 'xoxb-other' }));
    expect(sent[0].authorization).toBe('Bearer xoxb-other');
    expect(sent[1].authorization).toBe('Bearer xoxb-other');
  });

  it("throws Slack's refusal as WebClient throws it", async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"channel_not_found"}');
    const { mine, theirs } = await both((c) => c.chat.postMessage(ARGS as never));
    expect(errorFields(mine)).toEqual(errorFields(theirs));
    expect(errorFields(mine)).toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error: 'channel_not_found' } });
  });

  it('throws a 429 as rate limited, with its Retry-After', async () => {
    answer = (res) => res.writeHead(429, { 'retry-after': '7' }).end();
    const { mine, theirs } = await both((c) => c.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'heavy_check_mark' }));
    expect(errorFields(mine)).toEqual(errorFields(theirs));
    expect(errorFields(mine)).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('throws any other status as an HTTP error carrying what Slack said', async () => {
    answer = (res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false,"error":"service_unavailable"}');
    const { mine, theirs } = await both((c) => c.chat.update({ channel: 'C1', ts: '1.2', text: 'x' }));
    expect(errorFields(mine)).toEqual(errorFields(theirs));
    expect(errorFields(mine)).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503, body: { ok: false, error: 'service_unavailable' } });
  });

  it('throws a failed connection as a request error', async () => {
    const closed = createSlackClient({ token: 'xoxb-ours', apiUrl: 'http://127.0.0.1:1/api/', calls });
    await expect(closed.auth.test()).rejects.toMatchObject({ code: ErrorCode.RequestError });
  });

  it("leaves a file's bytes to WebClient's own multipart path", () => {
    expect(formBody({ channel: 'C1', file: Buffer.from('bytes') })).toBeNull();
    expect(formBody({ channel: 'C1', token: 'xoxb-1', n: 2, yes: true, none: null, obj: { a: 1 } })).toBe('channel=C1&n=2&yes=true&obj=%7B%22a%22%3A1%7D');
  });
});
