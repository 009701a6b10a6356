import { alertBody } from '../helpers/alerts';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import type { PlatformDelivery } from '../helpers/platform-stand-in';
import { replyTexts } from '../helpers/relayed';
import { waitForQueuesDrained } from '../helpers/settle';
import { nextMessageTs, openThread, sendEvent } from '../helpers/slack-user';
import { signPlatformRequest } from '../helpers/standard-webhooks';

const ALERTS = 30;
const THREADS = 5;
const REPLIES_PER_THREAD = 8;
// The default SHUTDOWN_TIMEOUT_MS: the stopped worker must be gone well before it.
const SHUTDOWN_BOUND_MS = 10_000;
// Long enough for the sweeper (every 30 s by default) to queue what a lost job left, so a loss shows as a
// duplicate or a count that is off, not as a timeout.
const CATCH_UP_MS = 60_000;

jest.setTimeout(CATCH_UP_MS + 60_000);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, { replicas: { web: 1, workers: 1 } });
});
afterAll(() => h.stop());

// Two digits each, so no name is part of another.
const customerName = (burst: string, i: number) => `${burst} customer ${String(i).padStart(2, '0')}`;
const burstName = (i: number) => customerName('Burst', i);
const isRoot = (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;
const isReply = (d: PlatformDelivery) => (d.body as { type?: string }).type === 'agent.message';

// One agent answering in one thread, one reply after the other as a person types them.
async function agentReplies(threadTs: string, thread: number): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < REPLIES_PER_THREAD; i++) {
    const text = `Reply ${i} in thread ${thread}`;
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, user: 'U0AGENT1', text, ts: nextMessageTs(), thread_ts: threadTs });
    texts.push(text);
  }
  return texts;
}

it('lets a worker finish its jobs on SIGTERM and exit 0 in time, and a new worker carries on with nothing lost or sent twice', async () => {
  const threads = await Promise.all(Array.from({ length: THREADS }, () => openThread(h)));
  const [worker] = h.replicas.filter((r) => r.role === 'worker');

  const alerts = Array.from({ length: ALERTS }, (_, i) => h.platformRequest('/api/v1/handoffs', alertBody({ customer: { name: burstName(i) } })));
  const replies = Promise.all(threads.map((t, i) => agentReplies(t.threadTs, i)));
  // Mid-burst: the worker has posted some of the alerts and has more in hand and queued.
  await h.slack.waitFor((c) => isRoot(c) && String(c.args.text).includes('Burst customer'));
  const signalled = Date.now();
  worker!.kill('SIGTERM');
  const exit = await worker!.exited;
  expect(exit.code).toBe(0);
  expect(exit.stdout).toContain('"msg":"stopped"');
  expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_BOUND_MS);
  await h.addReplica('worker');

  expect((await Promise.all(alerts)).map((res) => res.status)).toEqual(Array(ALERTS).fill(202));
  const sent = (await replies).flat();

  await h.slack.waitFor((c) => isRoot(c) && String(c.args.text).includes('Burst customer'), CATCH_UP_MS, ALERTS);
  await h.platform.waitFor(isReply, CATCH_UP_MS, sent.length);
  // Counted once no job is left that could still post or deliver something a second time.
  await waitForQueuesDrained(h.config.redis, CATCH_UP_MS);
  const roots = h.slack.calls('chat.postMessage').filter(isRoot);
  for (let i = 0; i < ALERTS; i++) expect(roots.filter((c) => String(c.args.text).includes(burstName(i)))).toHaveLength(1);
  const delivered = h.platform.deliveries().filter(isReply);
  expect(replyTexts(delivered).sort()).toEqual([...sent].sort());
  expect(new Set(delivered.map((d) => d.headers['webhook-id'])).size).toBe(sent.length);
  expect(h.slack.problems()).toEqual([]);
  expect(h.platform.problems()).toEqual([]);
});

const DRAIN_ALERTS = 40;
const LANES = 4;
// Alerts the stopping replica accepts before it is told to stop.
const BEFORE_SIGTERM = 5;

it('lets a web replica finish the requests it took on SIGTERM and refuse the rest, which the platform sends to another', async () => {
  h.slack.reset();
  h.platform.reset();
  const [stopping] = h.replicas.filter((r) => r.role === 'web');
  const staying = await h.addReplica('web');
  // What the stopping replica answered each alert: its status, or `refused` when the connection was.
  const answers: string[] = [];
  let signalled = 0;
  const raise = async (i: number) => {
    const raw = JSON.stringify(alertBody({ customer: { name: customerName('Drain', i) } }));
    // The same webhook-id on the resend, as the platform retries.
    const headers = { 'content-type': 'application/json', ...signPlatformRequest(h.config.platform.signingSecret, raw, { id: `msg_drain_${i}` }) };
    const send = (url: string) => fetch(`${url}/api/v1/handoffs`, { method: 'POST', body: raw, headers });
    const res = await send(stopping!.url!).catch(() => undefined);
    answers.push(res ? String(res.status) : 'refused');
    if (res?.status === 503) expect(await res.json()).toMatchObject({ error: 'shutting_down' });
    if (res?.status === 202 && answers.filter((a) => a === '202').length === BEFORE_SIGTERM) {
      signalled = Date.now();
      stopping!.kill('SIGTERM');
    }
    if (res?.status !== 202) expect((await send(staying.url!)).status).toBe(202);
  };
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      for (let i = lane; i < DRAIN_ALERTS; i += LANES) await raise(i);
    }),
  );

  const exit = await stopping!.exited;
  expect(exit.code).toBe(0);
  expect(exit.stdout).toContain('"msg":"stopped"');
  expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_BOUND_MS);
  // Everything was answered 202, 503 or not at all; some of it after the signal, so the drain was exercised.
  expect(answers.filter((a) => !['202', '503', 'refused'].includes(a))).toEqual([]);
  expect(answers.filter((a) => a !== '202').length).toBeGreaterThan(0);

  await h.slack.waitFor((c) => isRoot(c) && String(c.args.text).includes('Drain customer'), CATCH_UP_MS, DRAIN_ALERTS);
  await waitForQueuesDrained(h.config.redis, CATCH_UP_MS);
  const roots = h.slack.calls('chat.postMessage').filter(isRoot);
  for (let i = 0; i < DRAIN_ALERTS; i++) expect(roots.filter((c) => String(c.args.text).includes(customerName('Drain', i)))).toHaveLength(1);
  expect(h.slack.problems()).toEqual([]);
});
