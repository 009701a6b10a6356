import type http from 'node:http';
import { LocalHttpServer, type Reply } from '../../helpers/local-http';
import { freePort } from '../../faults/helpers/free-port';
import { deal, TrafficDriver } from '../../faults/helpers/traffic';

// A stand-in for the app: answers from a script and records what it was sent.
const received: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let answers: number[] = [];
const app = new LocalHttpServer(async (req, body): Promise<Reply> => {
  received.push({ url: req.url ?? '', headers: req.headers, body });
  return { status: answers.shift() ?? 200 };
});
const secrets = { slackSigning: 'slack-secret', platformSigning: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
let generation = 1;
const target = { url: () => app.url, generation: () => generation };

beforeAll(() => app.start());
afterAll(() => app.stop());
afterEach(() => {
  received.length = 0;
  answers = [];
});

it('resends a Slack event until it gets a 2xx, with the same event_id and Slack retry headers', async () => {
  answers = [500, 503];
  const sent = await new TrafficDriver(target, secrets, Date.now() + 10_000).slackEvent('reply', { type: 'message', text: 'hi' }, 'EvSAME');
  expect(sent).toMatchObject({ acknowledged: true, attempts: [{ outcome: 500, app: 1 }, { outcome: 503, app: 1 }, { outcome: 200, app: 1 }] });
  expect(received.map((r) => (JSON.parse(r.body) as { event_id: string }).event_id)).toEqual(['EvSAME', 'EvSAME', 'EvSAME']);
  expect(received.map((r) => [r.headers['x-slack-retry-num'], r.headers['x-slack-retry-reason']])).toEqual([
    [undefined, undefined],
    ['1', 'http_error'],
    ['2', 'http_error'],
  ]);
  expect(received.every((r) => String(r.headers['x-slack-signature']).startsWith('v0='))).toBe(true);
});

it('resends a platform request with the same webhook-id, and records a refused connection', async () => {
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const driver = new TrafficDriver({ url: () => nobody, generation: () => 1 }, secrets, Date.now() + 300);
  const refused = await driver.platformRequest('alert', '/api/v1/handoffs', {});
  expect(refused.acknowledged).toBe(false);
  expect(new Set(refused.attempts.map((a) => a.outcome))).toEqual(new Set(['refused']));
  expect(driver.unacknowledged()).toEqual([refused]);

  answers = [500];
  generation = 2;
  const sent = await new TrafficDriver(target, secrets, Date.now() + 10_000).platformRequest('alert', '/api/v1/handoffs', { a: 1 }, 'msg_same');
  expect(sent.attempts).toEqual([{ outcome: 500, app: 2 }, { outcome: 200, app: 2 }]);
  expect(received.map((r) => r.headers['webhook-id'])).toEqual(['msg_same', 'msg_same']);
});

it('gives up on a request refused three times as a client error, as Slack does', async () => {
  answers = [400, 400, 400, 400];
  const sent = await new TrafficDriver(target, secrets, Date.now() + 10_000).slackEvent('reply', { type: 'message' });
  expect(sent).toMatchObject({ acknowledged: false, attempts: [{ outcome: 400 }, { outcome: 400 }, { outcome: 400 }] });
});

it('deals items round-robin into lanes', () => {
  expect(deal([1, 2, 3, 4, 5], 2)).toEqual([[1, 3, 5], [2, 4]]);
  expect(deal([1], 3)).toEqual([[1]]);
});
