import { startHarness, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { newEventId, openConversation, sendEvent, type OpenConversation } from '../helpers/slack-user';
import { BOT_USER_ID } from '../helpers/slack-stand-in';

let h: Harness;

useHarness((started) => (h = started));

// A reaction_added event as Slack sends it when someone reacts to a message in the alerts channel.
function react(userId: string, reaction: string, ts: string, opts: { eventId?: string; retryNum?: number; channel?: string } = {}) {
  return sendEvent(
    h,
    {
      type: 'reaction_added',
      user: userId,
      reaction,
      item: { type: 'message', channel: opts.channel ?? 'C0ALERTS', ts },
      item_user: BOT_USER_ID,
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
    opts,
  );
}

async function platformEvent(c: OpenConversation, type: string) {
  const [event] = await h.platform.waitFor((d) => {
    const body = d.body as { conversationId: string; type: string };
    return body.conversationId === c.externalId && body.type === type;
  });
  return event!.body as { data: Record<string, unknown> };
}

const stored = (c: OpenConversation) => h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });

// Everything a reaction could set off has run once another conversation's alert has been posted after it.
async function settled(): Promise<void> {
  await openConversation(h);
}

describe('emoji shortcuts on the alert message', () => {
  it('👀 takes the conversation over, exactly like the button', async () => {
    const c = await openConversation(h);
    await react('U0ALICE', 'eyes', c.rootTs);
    expect((await platformEvent(c, 'conversation.taken_over')).data).toMatchObject({ actor: { id: 'U0ALICE' }, assigneeId: 'U0ALICE' });
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === c.rootTs && JSON.stringify(call.args.blocks).includes('Taken by <@U0ALICE>'));
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('<@U0ALICE> took over'));
    expect(await stored(c)).toMatchObject({ status: 'human', assigneeId: 'U0ALICE' });
  });

  it('✅ closes it, whatever the skin tone of the emoji', async () => {
    const c = await openConversation(h);
    await react('U0ALICE', 'white_check_mark::skin-tone-3', c.rootTs);
    await platformEvent(c, 'conversation.closed');
    expect((await stored(c)).status).toBe('closed');
  });

  it('answers a reaction that does not apply privately, as the buttons do', async () => {
    const c = await openConversation(h);
    await react('U0ALICE', 'white_check_mark', c.rootTs);
    await platformEvent(c, 'conversation.closed');
    await react('U0BOB', 'white_check_mark', c.rootTs);
    const [answer] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0BOB');
    expect(answer!.args).toMatchObject({ channel: 'C0ALERTS', text: 'This conversation is already closed.' });
  });

  it('offers to take over from a colleague rather than taking it silently', async () => {
    const c = await openConversation(h);
    await react('U0ALICE', 'eyes', c.rootTs);
    await platformEvent(c, 'conversation.taken_over');
    await react('U0BOB', 'eyes', c.rootTs);
    const [answer] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0BOB');
    expect(String(answer!.args.text)).toBe('<@U0ALICE> already has this conversation.');
    expect(JSON.stringify(answer!.args.blocks)).toContain('conversation_take_over_confirmed');
    expect((await stored(c)).assigneeId).toBe('U0ALICE');
  });

  it("acts once on Slack's retry of the same reaction", async () => {
    const c = await openConversation(h);
    const eventId = newEventId();
    await react('U0ALICE', 'eyes', c.rootTs, { eventId });
    await platformEvent(c, 'conversation.taken_over');
    await react('U0ALICE', 'eyes', c.rootTs, { eventId, retryNum: 1 });
    await settled();
    expect(h.slack.calls('chat.postEphemeral')).toEqual([]);
    expect((await stored(c)).events.filter((e) => e.type === 'taken_over')).toHaveLength(1);
  });

  it('ignores other emoji, messages that are not alerts, and reactions by bots', async () => {
    const c = await openConversation(h);
    h.slack.setUser('U0WORKFLOW', { is_bot: true });
    await react('U0ALICE', 'thumbsup', c.rootTs);
    await react('U0ALICE', 'eyes', '1699999999.000100');
    await react('U0ALICE', 'eyes', c.rootTs, { channel: 'C0ELSEWHERE' });
    await react('U0WORKFLOW', 'white_check_mark', c.rootTs);
    await react(BOT_USER_ID, 'eyes', c.rootTs);
    await settled();
    const after = await stored(c);
    expect(after).toMatchObject({ status: 'waiting', assigneeId: null, version: 1 });
    expect(after.events.map((e) => e.type)).toEqual(['alert_received']);
    expect(h.slack.calls('chat.postEphemeral')).toEqual([]);
  });
});

describe('emoji shortcuts chosen by the workspace', () => {
  let custom: Harness;
  beforeAll(async () => {
    custom = await startHarness({ TAKE_OVER_EMOJI: 'raising_hand', CLOSE_EMOJI: 'lock' });
  });
  afterAll(async () => {
    await custom.stop();
  });

  it('uses the configured emoji instead of 👀 and ✅', async () => {
    const c = await openConversation(custom);
    const reactAs = (reaction: string) =>
      sendEvent(custom, { type: 'reaction_added', user: 'U0ALICE', reaction, item: { type: 'message', channel: 'C0ALERTS', ts: c.rootTs }, event_ts: '1.000100' });
    await reactAs('eyes');
    await reactAs('raising_hand');
    await custom.platform.waitFor((d) => (d.body as { type: string }).type === 'conversation.taken_over');
    await reactAs('lock');
    await custom.platform.waitFor((d) => (d.body as { type: string }).type === 'conversation.closed');
    const row = await custom.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    expect(row.events.map((e) => [e.type, e.actorId])).toEqual([['alert_received', null], ['taken_over', 'U0ALICE'], ['closed', 'U0ALICE']]);
  });
});
