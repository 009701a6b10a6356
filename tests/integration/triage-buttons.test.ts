import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { alertBody } from '../helpers/alerts';
import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { interactionBody } from '../helpers/slack-signing';
import { TEAM_ID } from '../helpers/slack-stand-in';

let h: Harness;
// Stands in for Slack's response_url, where refusals are posted privately to the person who clicked.
let responses: { body: Record<string, unknown> }[] = [];
let responseServer: http.Server;
let responseUrl: string;

beforeAll(async () => {
  h = await startHarness();
  responseServer = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      responses.push({ body: JSON.parse(raw) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => responseServer.listen(0, '127.0.0.1', r));
  responseUrl = `http://127.0.0.1:${(responseServer.address() as { port: number }).port}/respond`;
});
afterAll(async () => {
  await new Promise((r) => responseServer.close(r));
  await h.stop();
});
afterEach(() => {
  expect(h.slack.problems()).toEqual([]);
  h.slack.reset();
  h.platform.reset();
  responses = [];
});

async function openConversation(): Promise<{ externalId: string; id: string; rootTs: string }> {
  const name = `Customer ${randomUUID().slice(0, 8)}`;
  const body = alertBody({ transcript: [], customer: { name } });
  await h.platformRequest('/api/v1/handoffs', body);
  const [root] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && !c.args.thread_ts && String(c.args.text).includes(name));
  const row = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string } });
  return { externalId: row.externalId, id: row.id, rootTs: (root!.response as { ts: string }).ts };
}

// Presses a button on the alert message as Slack sends it: a signed block_actions payload.
async function press(actionId: string, conversationId: string, userId: string, rootTs: string): Promise<void> {
  const payload = {
    type: 'block_actions',
    user: { id: userId, team_id: TEAM_ID },
    team: { id: TEAM_ID },
    api_app_id: 'A0HANDOFF',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: rootTs, channel_id: ALERTS_CHANNEL },
    channel: { id: ALERTS_CHANNEL },
    message: { ts: rootTs },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'conversation_actions', value: conversationId, action_ts: '1' }],
  };
  const res = await h.slackRequest(interactionBody(payload));
  expect(res.status).toBe(200);
}

const platformEvents = (externalId: string) =>
  h.platform.deliveries().filter((d) => (d.body as { conversationId: string }).conversationId === externalId).map((d) => (d.body as { type: string }).type);

async function waitForEvent(externalId: string, type: string) {
  return h.platform.waitFor((d) => (d.body as { conversationId: string; type: string }).conversationId === externalId && (d.body as { type: string }).type === type);
}

describe('triage buttons on the alert message', () => {
  it('Take over makes the clicker the assignee, pauses the AI and shows it everywhere', async () => {
    const c = await openConversation();
    await press('conversation_take_over', c.id, 'U0ALICE', c.rootTs);
    const [event] = await waitForEvent(c.externalId, 'conversation.taken_over');
    expect(event!.verified).toBe(true);
    expect(event!.body).toMatchObject({ data: { actor: { id: 'U0ALICE' }, status: 'human', assigneeId: 'U0ALICE' } });
    const [update] = await h.slack.waitFor((c2) => c2.method === 'chat.update' && c2.args.ts === c.rootTs);
    expect(JSON.stringify(update!.args.blocks)).toContain('Taken by <@U0ALICE>');
    await h.slack.waitFor((c2) => c2.method === 'chat.postMessage' && c2.args.thread_ts === c.rootTs && String(c2.args.text).includes('<@U0ALICE> took over'));
    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    expect(stored).toMatchObject({ status: 'human', assigneeId: 'U0ALICE' });
    expect(stored.events.map((e) => [e.type, e.actorId])).toContainEqual(['taken_over', 'U0ALICE']);
  });

  it('Close, then Reopen; closing twice is refused privately', async () => {
    const c = await openConversation();
    await press('conversation_close', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.closed');
    const [closed] = await h.slack.waitFor((c2) => c2.method === 'chat.update' && c2.args.ts === c.rootTs);
    expect(JSON.stringify(closed!.args.blocks)).toContain('conversation_reopen');
    await press('conversation_close', c.id, 'U0BOB', c.rootTs);
    await waitUntil(() => responses.length === 1);
    expect(responses[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(responses[0]!.body.text)).toMatch(/already closed/i);
    await press('conversation_reopen', c.id, 'U0BOB', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.reopened');
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('waiting');
  });

  it('Restore to AI clears the assignee and tells the platform; restoring again is refused', async () => {
    const c = await openConversation();
    await press('conversation_take_over', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.taken_over');
    await press('conversation_restore', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.restored');
    expect(platformEvents(c.externalId)).toEqual(['conversation.taken_over', 'conversation.restored']);
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'ai', assigneeId: null });
    await press('conversation_restore', c.id, 'U0ALICE', c.rootTs);
    await waitUntil(() => responses.length === 1);
    expect(String(responses[0]!.body.text)).toMatch(/AI/);
  });

  it('asks before taking a conversation from a colleague, and the colleague loses it only when confirmed', async () => {
    const c = await openConversation();
    await press('conversation_take_over', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.taken_over');
    await press('conversation_take_over', c.id, 'U0BOB', c.rootTs);
    await waitUntil(() => responses.length === 1);
    expect(JSON.stringify(responses[0]!.body)).toContain('conversation_take_over_confirmed');
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe('U0ALICE');
    await press('conversation_take_over_confirmed', c.id, 'U0BOB', c.rootTs);
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId === 'U0BOB');
  });

  it('lets exactly one of two simultaneous Take over presses win, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const c = await openConversation();
      responses = [];
      await Promise.all([press('conversation_take_over', c.id, 'U0ALICE', c.rootTs), press('conversation_take_over', c.id, 'U0BOB', c.rootTs)]);
      await waitUntil(() => responses.length === 1);
      const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
      expect(stored.events.filter((e) => e.type === 'taken_over')).toHaveLength(1);
      const winner = stored.assigneeId!;
      const loser = winner === 'U0ALICE' ? 'U0BOB' : 'U0ALICE';
      expect([winner, loser].sort()).toEqual(['U0ALICE', 'U0BOB']);
      // The one who lost is told who has it.
      expect(JSON.stringify(responses[0]!.body)).toContain(`<@${winner}>`);
    }
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
