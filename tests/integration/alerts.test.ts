import { Client } from 'pg';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { alertBody, blocksText } from '../helpers/alerts';
import { visibleText } from '../helpers/block-text';
import { waitForSettled } from '../helpers/settle';
import { waitUntil } from '../helpers/slack-user';

let h: Harness;

useHarness((started) => (h = started));

async function conversationOf(externalId: string) {
  return h.app.db.conversation.findFirstOrThrow({
    where: { externalId },
    include: { alerts: true, messages: true, events: true, threadPosts: true },
  });
}

const isRoot = (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

describe('POST /api/v1/handoffs', () => {
  it('stores the alert and posts it to the alerts channel with the transcript in its thread', async () => {
    const body = alertBody();
    const res = await h.platformRequest('/api/v1/handoffs', body);
    expect(res.status).toBe(202);
    expect(await answer(res)).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: true });

    const [root] = await h.slack.waitFor(isRoot);
    const rootJson = blocksText(root!.args.blocks);
    expect(root!.args.text).toContain('Jane Doe');
    expect(rootJson).toContain('Jane Doe');
    expect(rootJson).toContain('frustration');
    expect(rootJson).toContain('Customer was charged twice');
    // The transcript's last lines, oldest first, as stored.
    const at = ['I was charged twice!', 'I am sorry to hear that. Let me check.', 'I want to talk to a person.'].map((t) => rootJson.indexOf(t));
    expect(at[0]).toBeGreaterThan(-1);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    const actionIds = (root!.args.blocks as { type: string; elements?: { action_id?: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements!.map((e) => e.action_id));
    expect(actionIds).toEqual(expect.arrayContaining(['conversation_take_over', 'conversation_assign', 'conversation_tag', 'conversation_close', 'conversation_restore']));

    const rootTs = (root!.response as { ts: string }).ts;
    const thread = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs, 5000, 2);
    expect(blocksText(thread[0]!.args.blocks)).toContain('`note:`');
    expect(blocksText(thread[1]!.args.blocks)).toContain('I want to talk to a person.');

    const stored = await conversationOf(body.conversationId as string);
    expect(stored).toMatchObject({ status: 'waiting', priority: 'high', reason: 'frustration', slackThreadTs: rootTs, alertCount: 1 });
    expect(stored.alerts).toHaveLength(1);
    expect(stored.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['I was charged twice!', 'I want to talk to a person.']),
    );
    expect(stored.events.map((e) => e.type)).toEqual(['alert_received']);
    await waitUntil(async () => (await conversationOf(body.conversationId as string)).threadPosts.every((p) => p.slackTs));
  });

  it('answers a redelivered request the same way and posts nothing twice', async () => {
    const body = alertBody();
    const first = await h.platformRequest('/api/v1/handoffs', body, { webhookId: 'msg_redelivered_1' });
    const second = await h.platformRequest('/api/v1/handoffs', body, { webhookId: 'msg_redelivered_1' });
    expect(second.status).toBe(first.status);
    expect(await answer(second)).toEqual(await answer(first));
    await h.slack.waitFor(isRoot);
    await settle();
    expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
    const stored = await conversationOf(body.conversationId as string);
    expect(stored.alerts).toHaveLength(1);
  });

  it('notes a second alert in the existing thread and raises the priority on the root message', async () => {
    const body = alertBody({ priority: 'normal' });
    await h.platformRequest('/api/v1/handoffs', body);
    const [root] = await h.slack.waitFor(isRoot);
    const rootTs = (root!.response as { ts: string }).ts;

    const again = await h.platformRequest('/api/v1/handoffs', { ...body, reason: 'human_request', priority: 'urgent' });
    expect(again.status).toBe(202);
    const [update] = await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === rootTs);
    expect(blocksText(update!.args.blocks)).toMatch(/urgent/i);
    const [notice] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs && String(c.args.text).includes('New alert'),
    );
    expect(notice!.args.text).toContain('raised from normal');
    expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
    const stored = await conversationOf(body.conversationId as string);
    expect(stored).toMatchObject({ priority: 'urgent', reason: 'human_request', alertCount: 2 });
    // The repeated transcript lines are not stored or posted again.
    expect(stored.messages).toHaveLength(3);
  });

  it('keeps a higher priority when a later alert is less urgent', async () => {
    const body = alertBody({ priority: 'urgent' });
    await h.platformRequest('/api/v1/handoffs', body);
    await h.platformRequest('/api/v1/handoffs', { ...body, priority: 'low' });
    await waitUntil(async () => (await conversationOf(body.conversationId as string)).alertCount === 2);
    expect((await conversationOf(body.conversationId as string)).priority).toBe('urgent');
  });

  it('answers a request and its redelivery at the same moment with one answer and one conversation', async () => {
    const body = alertBody();
    const sent = () => h.platformRequest('/api/v1/handoffs', body, { webhookId: 'msg_racing_1' });
    const answers = await Promise.all([sent(), sent(), sent()]);
    const bodies = await Promise.all(answers.map(answer));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    const stored = await conversationOf(body.conversationId as string);
    expect(stored).toMatchObject({ alertCount: 1 });
    expect(stored.alerts).toHaveLength(1);
    expect(stored.messages).toHaveLength(3);
    await settle();
    expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
  });

  it('keeps one webhook-id to its first conversation when it is reused for another at the same moment', async () => {
    const [one, other] = [alertBody(), alertBody()];
    const answers = await Promise.all([
      h.platformRequest('/api/v1/handoffs', one, { webhookId: 'msg_reused_1' }),
      h.platformRequest('/api/v1/handoffs', other, { webhookId: 'msg_reused_1' }),
    ]);
    const bodies = (await Promise.all(answers.map(answer))) as { conversationId: string }[];
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(bodies[1]).toEqual(bodies[0]);
    const opened = await h.app.db.conversation.findMany({ where: { externalId: { in: [one.conversationId as string, other.conversationId as string] } } });
    expect(opened.map((c) => c.externalId)).toEqual([bodies[0]!.conversationId]);
    await settle();
  });

  it('gives the first answer to a reused webhook-id whose first request commits while the second is being stored', async () => {
    const first = new Client({ connectionString: (h.config.database as { url: string }).url });
    await first.connect();
    try {
      const firstAnswer = { conversationId: 'conv_committed_first', status: 'waiting' };
      await first.query('BEGIN');
      await first.query(`INSERT INTO "InboundDelivery" ("platformId", "webhookId", "statusCode", "responseBody") VALUES ($1, 'msg_overtaken_1', 202, $2)`, [
        h.app.tenancy!.platformId,
        firstAnswer,
      ]);
      const body = alertBody();
      const second = h.platformRequest('/api/v1/handoffs', body, { webhookId: 'msg_overtaken_1' });
      // The second request is stored up to the webhook-id and waits there for the first to end.
      await waitUntil(async () => {
        const { rows } = await first.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return rows[0].n > 0;
      });
      await first.query('COMMIT');
      const res = await second;
      expect(res.status).toBe(202);
      expect(await answer(res)).toEqual(firstAnswer);
      expect(await h.app.db.conversation.count({ where: { externalId: body.conversationId as string } })).toBe(0);
    } finally {
      await first.end();
    }
  });

  it('opens the thread with its introduction, then the transcript, each line stored once', async () => {
    const body = alertBody({ transcript: [{ role: 'customer', text: 'ok' }, { role: 'customer', text: 'ok' }, { role: 'ai', text: 'Sure.' }] });
    await h.platformRequest('/api/v1/handoffs', body);
    const stored = await conversationOf(body.conversationId as string);
    const posts = [...stored.threadPosts].sort((a, b) => Number(a.seq - b.seq));
    expect(posts.map((p) => p.kind)).toEqual(['notice', 'transcript']);
    expect(posts[0]!.body).toEqual({ intro: true });
    expect((posts[1]!.body as { lines: unknown[] }).lines).toEqual(body.transcript);
    // Two identical lines without a time are told apart by their position.
    expect(stored.messages.map((m) => m.text).sort()).toEqual(['Sure.', 'ok', 'ok']);
    expect(stored.events.map((e) => e.type)).toEqual(['alert_received']);
    await settle();
  });

  it('opens one conversation when two alerts for it arrive at the same moment', async () => {
    const body = alertBody();
    const answers = await Promise.all([h.platformRequest('/api/v1/handoffs', body), h.platformRequest('/api/v1/handoffs', body)]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    await h.slack.waitFor(isRoot);
    await settle();
    expect(h.slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
    expect(await h.app.db.conversation.count({ where: { externalId: body.conversationId as string } })).toBe(1);
    expect((await conversationOf(body.conversationId as string)).alertCount).toBe(2);
  });

  it('retries the Slack post after Slack fails, and posts it once', async () => {
    h.slack.failNext('chat.postMessage', { status: 500 });
    const body = alertBody();
    await h.platformRequest('/api/v1/handoffs', body);
    await h.slack.waitFor((c) => isRoot(c) && c.status === 200);
    await settle();
    const roots = h.slack.calls('chat.postMessage').filter(isRoot);
    expect(roots.map((c) => c.status)).toEqual([500, 200]);
    const postedTs = (roots[1]!.response as { ts: string }).ts;
    expect((await conversationOf(body.conversationId as string)).slackThreadTs).toBe(postedTs);
  });

  it('waits as long as Slack asks when it rate-limits the post', async () => {
    h.slack.failNext('chat.postMessage', { retryAfter: 1 });
    await h.platformRequest('/api/v1/handoffs', alertBody());
    const [ok] = await h.slack.waitFor((c) => isRoot(c) && c.status === 200);
    const [limited] = h.slack.calls('chat.postMessage').filter((c) => c.status === 429);
    expect(ok!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('never lets customer or AI text ping the channel or forge links', async () => {
    const hostile = '<!channel> <@U0BOSS> <https://evil.example|your bank> & more';
    const body = alertBody({
      summary: hostile,
      customer: { name: `Mallory ${hostile}` },
      transcript: [{ role: 'customer', text: hostile }],
      metadata: { [hostile.slice(0, 40)]: hostile },
    });
    await h.platformRequest('/api/v1/handoffs', body);
    const [root] = await h.slack.waitFor(isRoot);
    const rootTs = (root!.response as { ts: string }).ts;
    const [transcript] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs && String(c.args.text).startsWith('Transcript'),
    );
    for (const call of [root!, transcript!]) {
      // Shown literally, and never in mrkdwn, where its other characters could still format.
      expect(visibleText(call.args.blocks)).toContain('(!channel) (@U0BOSS) (https://evil.example|your bank) & more');
      expect(collectMrkdwn(call.args.blocks).join(' ')).not.toMatch(/U0BOSS|evil/);
      expect(String(call.args.text)).not.toMatch(/<!channel>|<@U0BOSS>|<https:\/\/evil/);
    }
    await settle();
    h.slack.assertNoUntrustedPings();
  });
});

describe('requests the platform did not sign correctly', () => {
  it.each([
    ['no signature', { 'content-type': 'application/json' }],
    ['a signature made with another secret', null],
  ])('rejects %s with 401 and stores nothing', async (_label, headers) => {
    const body = alertBody();
    const res = headers
      ? await fetch(`${h.baseUrl}/api/v1/handoffs`, { method: 'POST', body: JSON.stringify(body), headers })
      : await h.platformRequest('/api/v1/handoffs', body, { secret: `whsec_${Buffer.from('another secret!!').toString('base64')}` });
    expect(res.status).toBe(401);
    expect(await answer(res)).toMatchObject({ error: 'invalid_signature' });
    expect(await h.app.db.conversation.count({ where: { externalId: body.conversationId as string } })).toBe(0);
  });

  it('rejects a signature older than five minutes', async () => {
    const res = await h.platformRequest('/api/v1/handoffs', alertBody(), { timestamp: new Date(Date.now() - 6 * 60_000) });
    expect(res.status).toBe(401);
    expect((await answer(res)).message).toMatch(/timestamp/i);
  });

  it('rejects a body changed after signing', async () => {
    const body = JSON.stringify(alertBody());
    const signed = await import('../helpers/standard-webhooks').then((m) => m.signPlatformRequest(h.config.platform.signingSecret, body));
    const res = await fetch(`${h.baseUrl}/api/v1/handoffs`, {
      method: 'POST',
      body: body.replace('frustration', 'other'),
      headers: { 'content-type': 'application/json', ...signed },
    });
    expect(res.status).toBe(401);
  });
});

describe('bad payloads', () => {
  it('answers 400 naming every bad field, and stores nothing', async () => {
    const body = alertBody({ reason: 'angry', priority: 'asap', customer: { email: 'not-an-email' }, transcript: [{ role: 'bot', text: 'x' }], link: 'javascript:alert(1)' });
    const res = await h.platformRequest('/api/v1/handoffs', body);
    expect(res.status).toBe(400);
    const body400 = await answer(res);
    expect(body400.error).toBe('invalid_request');
    expect(body400.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['customer.email', 'link', 'priority', 'reason', 'transcript.0.role'].sort(),
    );
    expect(await h.app.db.conversation.count({ where: { externalId: body.conversationId as string } })).toBe(0);
  });

  it.each([
    ['summary', { summary: 'charged\u0000twice' }],
    ['customer.name', { customer: { name: 'Eve\u0000' } }],
  ])('answers 400 naming %s when it holds U+0000, which PostgreSQL cannot store, and stores nothing', async (path, overrides) => {
    const body = alertBody(overrides);
    const res = await h.platformRequest('/api/v1/handoffs', body);
    expect(res.status).toBe(400);
    expect((await answer(res)).issues).toEqual([{ path, message: expect.stringContaining('U+0000') }]);
    expect(await h.app.db.conversation.count({ where: { externalId: body.conversationId as string } })).toBe(0);
  });

  it('answers 400 when conversationId is missing', async () => {
    const { conversationId: _omit, ...body } = alertBody();
    const res = await h.platformRequest('/api/v1/handoffs', body);
    expect(res.status).toBe(400);
    expect((await answer(res)).issues).toEqual([expect.objectContaining({ path: 'conversationId' })]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await h.platformRequest('/api/v1/handoffs', '{"conversationId": ');
    expect(res.status).toBe(400);
    expect((await answer(res)).message).toMatch(/not valid JSON/);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const res = await h.platformRequest('/api/v1/handoffs', alertBody({ summary: 'x'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(await answer(res)).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('health', () => {
  it('answers 200 once listening', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await answer(res)).toEqual({ status: 'ok' });
  });
});

// Response bodies are checked field by field, so their type is left open here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function answer(res: Response): Promise<any> {
  return res.json();
}

function collectMrkdwn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(collectMrkdwn);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
    return own.concat(Object.values(o).flatMap(collectMrkdwn));
  }
  return [];
}

// Lets queued jobs finish, retries included, so a test can assert that nothing more was posted.
function settle(): Promise<void> {
  return waitForSettled(h);
}
