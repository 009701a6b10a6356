import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, pressButton, waitUntil } from '../helpers/slack-user';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

// Presses a button on the alert message as Slack sends it: a signed block_actions payload.
function press(actionId: string, conversationId: string, userId: string, rootTs: string): Promise<void> {
  return pressButton(h, { actionId, value: conversationId, userId, rootTs, responseUrl: respond.url });
}

const platformEvents = (externalId: string) =>
  h.platform.deliveries().filter((d) => (d.body as { conversationId: string }).conversationId === externalId).map((d) => (d.body as { type: string }).type);

async function waitForEvent(externalId: string, type: string) {
  return h.platform.waitFor((d) => (d.body as { conversationId: string; type: string }).conversationId === externalId && (d.body as { type: string }).type === type);
}

describe('triage buttons on the alert message', () => {
  it('Take over makes the clicker the assignee, pauses the AI and shows it everywhere', async () => {
    const c = await openConversation(h);
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
    const c = await openConversation(h);
    await press('conversation_close', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.closed');
    const [closed] = await h.slack.waitFor((c2) => c2.method === 'chat.update' && c2.args.ts === c.rootTs);
    expect(JSON.stringify(closed!.args.blocks)).toContain('conversation_reopen');
    await press('conversation_close', c.id, 'U0BOB', c.rootTs);
    const [refusal] = await respond.waitFor();
    expect(refusal).toMatchObject({ response_type: 'ephemeral' });
    expect(String(refusal!.text)).toMatch(/already closed/i);
    await press('conversation_reopen', c.id, 'U0BOB', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.reopened');
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('waiting');
  });

  it('Restore to AI clears the assignee and tells the platform; restoring again is refused', async () => {
    const c = await openConversation(h);
    await press('conversation_take_over', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.taken_over');
    await press('conversation_restore', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.restored');
    expect(platformEvents(c.externalId)).toEqual(['conversation.taken_over', 'conversation.restored']);
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'ai', assigneeId: null });
    await press('conversation_restore', c.id, 'U0ALICE', c.rootTs);
    const [refusal] = await respond.waitFor();
    expect(String(refusal!.text)).toMatch(/AI/);
  });

  it('asks before taking a conversation from a colleague, and tells the colleague by DM once confirmed', async () => {
    const c = await openConversation(h);
    await press('conversation_take_over', c.id, 'U0ALICE', c.rootTs);
    await waitForEvent(c.externalId, 'conversation.taken_over');
    await press('conversation_take_over', c.id, 'U0BOB', c.rootTs);
    const [offer] = await respond.waitFor();
    expect(JSON.stringify(offer)).toContain('conversation_take_over_confirmed');
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe('U0ALICE');
    expect(h.slack.calls('conversations.open')).toEqual([]);

    await press('conversation_take_over_confirmed', c.id, 'U0BOB', c.rootTs);
    const [opened] = await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0ALICE');
    const dmChannel = (opened!.response as { channel: { id: string } }).channel.id;
    const [dm] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === dmChannel);
    expect(String(dm!.args.text)).toBe(`<@U0BOB> took over your conversation with ${c.customerName}.`);
    // The link back to the thread is Slack's permalink of the alert message.
    expect(JSON.stringify(dm!.args.blocks)).toContain(`/archives/C0ALERTS/p${c.rootTs.replace('.', '')}`);
    await waitUntil(async () => (await h.app.db.directMessage.count({ where: { conversationId: c.id, sentAt: { not: null } } })) === 1);
    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { directMessages: true } });
    expect(stored.assigneeId).toBe('U0BOB');
    expect(stored.directMessages).toEqual([expect.objectContaining({ userId: 'U0ALICE', reason: 'taken_from', slackChannelId: dmChannel })]);
  });

  it('lets exactly one of two simultaneous Take over presses win, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const c = await openConversation(h);
      respond.reset();
      await Promise.all([press('conversation_take_over', c.id, 'U0ALICE', c.rootTs), press('conversation_take_over', c.id, 'U0BOB', c.rootTs)]);
      const [loserAnswer] = await respond.waitFor();
      const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
      expect(stored.events.filter((e) => e.type === 'taken_over')).toHaveLength(1);
      const winner = stored.assigneeId!;
      expect(['U0ALICE', 'U0BOB']).toContain(winner);
      // The one who lost is told who has it.
      expect(JSON.stringify(loserAnswer)).toContain(`<@${winner}>`);
      await waitUntil(() => respond.responses().length === 1);
    }
  });
});
