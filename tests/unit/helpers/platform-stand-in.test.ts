import { PlatformStandIn } from '../../helpers/platform-stand-in';
import { signPlatformRequest } from '../../helpers/standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const standIn = new PlatformStandIn(SECRET);

// Delivers the way Handoff's sender does: JSON body, Standard Webhooks headers over the exact bytes sent.
async function deliver(payload: object, opts: { tamper?: boolean; signal?: AbortSignal } = {}): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', ...signPlatformRequest(SECRET, body) };
  return fetch(standIn.url, { method: 'POST', headers, body: opts.tamper ? body.replace('hello', 'HELLO') : body, signal: opts.signal });
}

beforeAll(async () => {
  const { url } = await standIn.start();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
});
afterAll(() => standIn.stop());
afterEach(() => standIn.reset());

it('records a correctly signed delivery as verified, with its parsed body', async () => {
  const res = await deliver({ type: 'agent.message', text: 'hello' });
  expect(res.status).toBe(200);
  const [delivery] = standIn.deliveries();
  expect(delivery).toMatchObject({ method: 'POST', path: '/webhook', verified: true, body: { type: 'agent.message', text: 'hello' } });
  expect(delivery?.headers['webhook-id']).toMatch(/^msg_/);
  expect(delivery?.verifyError).toBeUndefined();
});

it('records a tampered delivery as not verified', async () => {
  await deliver({ text: 'hello' }, { tamper: true });
  expect(standIn.deliveries()[0]).toMatchObject({ verified: false, verifyError: 'No matching signature found', raw: '{"text":"HELLO"}' });
});

it('records an unsigned delivery as not verified', async () => {
  await fetch(standIn.url, { method: 'POST', body: 'plain' });
  expect(standIn.deliveries()[0]).toMatchObject({ verified: false, verifyError: 'Missing required headers', body: undefined, raw: 'plain' });
});

it('plays queued responses in order, then answers 200', async () => {
  const tooLong = { error: 'message_too_long', message: 'message too long for Instagram (1000 characters)' };
  standIn.respondWith(500, undefined, 2);
  standIn.respondWith(400, tooLong);
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await deliver({ i })).status);
  const last = await deliver({ i: 3 });
  expect(statuses).toEqual([500, 500, 400]);
  expect(last.status).toBe(200);
  expect(standIn.deliveries()).toHaveLength(4);
});

it('returns the queued error body verbatim', async () => {
  standIn.respondWith(400, { error: 'message_too_long' });
  const res = await deliver({ text: 'x' });
  await expect(res.json()).resolves.toEqual({ error: 'message_too_long' });
});

it('answers every delivery the same way while an outage lasts, then 200 again', async () => {
  standIn.respondFor(300, 503, { error: 'maintenance' });
  const during = [await deliver({ i: 0 }), await deliver({ i: 1 })];
  expect(during.map((r) => r.status)).toEqual([503, 503]);
  await new Promise((r) => setTimeout(r, 300));
  expect((await deliver({ i: 2 })).status).toBe(200);
  expect(standIn.deliveries()).toHaveLength(3);
});

it('refuses connections on its port until it accepts them again', async () => {
  await standIn.refuseConnections();
  const attempt = () => deliver({ text: 'down' }).then(() => 'answered', (err: Error) => err.cause);
  // The first attempt may still pick the kept-alive connection the stand-in just cut.
  const refused = [await attempt(), await attempt()];
  await standIn.acceptConnections();
  expect(refused[1]).toMatchObject({ code: 'ECONNREFUSED' });
  expect((await deliver({ text: 'up' })).status).toBe(200);
  expect(standIn.deliveries().map((d) => d.body)).toEqual([{ text: 'up' }]);
});

it('hangs so that a sender with a timeout gives up, and still records the delivery', async () => {
  standIn.hang(2_000);
  await expect(deliver({ text: 'slow' }, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
  expect(standIn.deliveries()).toHaveLength(1);
  expect((await deliver({ text: 'next' })).status).toBe(200);
});

it('waitFor resolves with matching deliveries and times out with a listing', async () => {
  setTimeout(() => void deliver({ text: 'later' }), 50);
  const [d] = await standIn.waitFor((x) => (x.body as { text?: string } | undefined)?.text === 'later');
  expect(d?.verified).toBe(true);
  await expect(standIn.waitFor(() => false, 50)).rejects.toThrow(/0 of 1 expected platform deliveries matched[\s\S]*verified=true/);
});
