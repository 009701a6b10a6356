import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { buildHandBackModal } from '../../src/slack/blocks/hand-back-modal';
import { assignValues, handBackValues, openConversation, pickFromMenu, pressButton, pressForModal, sendEvent, submitView, type OpenConversation } from '../helpers/slack-user';

// Agents: Alice and Bob. Supervisors: Sue. Pat is in the channel but in neither group.
const AGENTS = 'S0AGENTS';
const SUPERVISORS = 'S0SUPERVISORS';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { env: { SLACK_AGENTS_USERGROUP: AGENTS, SLACK_SUPERVISORS_USERGROUP: SUPERVISORS }, respond });
beforeEach(() => {
  h.slack.setUserGroup(AGENTS, ['U0ALICE', 'U0BOB']);
  h.slack.setUserGroup(SUPERVISORS, ['U0SUE']);
});

const press = (actionId: string, c: OpenConversation, userId: string) =>
  pressButton(h, { actionId, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });

async function platformEvent(c: OpenConversation, type: string) {
  await h.platform.waitFor((d) => {
    const body = d.body as { conversationId: string; type: string };
    return body.conversationId === c.externalId && body.type === type;
  });
}

const stored = (c: OpenConversation) => h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });

async function takenBy(c: OpenConversation, userId: string) {
  await press('conversation_take_over', c, userId);
  await platformEvent(c, 'conversation.taken_over');
  h.platform.reset();
}

describe('actions restricted to the agents and supervisors user groups', () => {
  // First in the file: Handoff has not read the groups yet, so this press must ask Slack.
  it('asks the person to try again when Slack cannot say who is in the groups, and changes nothing', async () => {
    const c = await openConversation(h);
    h.slack.failNext('usergroups.users.list', { status: 500, times: 2 });
    await press('conversation_take_over', c, 'U0ALICE');
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Handoff could not finish that just now. Try again in a moment.' });
    expect(h.slack.calls('usergroups.users.list').map((call) => call.args.usergroup).sort()).toEqual([AGENTS, SUPERVISORS]);
    expect((await stored(c)).status).toBe('waiting');
    respond.reset();
    await press('conversation_take_over', c, 'U0ALICE');
    await platformEvent(c, 'conversation.taken_over');
  });

  it('turns away someone in neither group, privately, and changes nothing', async () => {
    const c = await openConversation(h);
    await press('conversation_take_over', c, 'U0PAT');
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Only the support team can take over conversations. Ask a workspace admin to add you.' });
    expect((await stored(c)).events.map((e) => e.type)).toEqual(['alert_received']);
  });

  it('lets an agent take over and close, but not take a conversation from a colleague', async () => {
    const c = await openConversation(h);
    await takenBy(c, 'U0ALICE');
    await press('conversation_take_over_confirmed', c, 'U0BOB');
    const [answer] = await respond.waitFor();
    expect(String(answer!.text)).toBe('Only supervisors can take over a conversation a colleague is handling. Ask a supervisor.');
    expect((await stored(c)).assigneeId).toBe('U0ALICE');
    await press('conversation_close', c, 'U0BOB');
    await platformEvent(c, 'conversation.closed');
  });

  it('lets a supervisor take a conversation from an agent', async () => {
    const c = await openConversation(h);
    await takenBy(c, 'U0ALICE');
    await press('conversation_take_over_confirmed', c, 'U0SUE');
    await platformEvent(c, 'conversation.taken_over');
    expect((await stored(c)).assigneeId).toBe('U0SUE');
    // Alice is told she no longer has it.
    await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0ALICE');
  });

  it('lets an agent assign themselves but not someone else; a supervisor may', async () => {
    const c = await openConversation(h);
    const openAssign = (userId: string) => pressForModal(h, { actionId: 'conversation_assign', value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });
    const values = (user: string) => assignValues(user, 'normal');

    await submitView(h, await openAssign('U0ALICE'), 'U0ALICE', values('U0BOB'));
    const [denied] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0ALICE');
    expect(String(denied!.args.text)).toBe('Only supervisors can assign conversations to others. Ask a supervisor.');
    expect((await stored(c)).assigneeId).toBeNull();

    await submitView(h, await openAssign('U0ALICE'), 'U0ALICE', values('U0ALICE'));
    await platformEvent(c, 'conversation.assigned');
    expect((await stored(c)).assigneeId).toBe('U0ALICE');
    h.platform.reset();

    await submitView(h, await openAssign('U0SUE'), 'U0SUE', values('U0BOB'));
    await platformEvent(c, 'conversation.assigned');
    expect((await stored(c)).assigneeId).toBe('U0BOB');
  });

  it('does not open the Tag modal for someone who may not tag', async () => {
    const c = await openConversation(h);
    await press('conversation_tag', c, 'U0PAT');
    const [answer] = await respond.waitFor();
    expect(String(answer!.text)).toBe('Only the support team can tag conversations. Ask a workspace admin to add you.');
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it('does not open a hand-back modal for someone outside the team, nor close on a submission they forged', async () => {
    const c = await openConversation(h);
    await pickFromMenu(h, { actionId: 'conversation_hand_back', option: `close:${c.id}`, userId: 'U0PAT', rootTs: c.rootTs, responseUrl: respond.url });
    const [answer] = await respond.waitFor();
    expect(String(answer!.text)).toBe('Only the support team can close conversations. Ask a workspace admin to add you.');
    expect(h.slack.calls('views.open')).toEqual([]);

    // The modal never opened for them: a submission naming the conversation is made up, and still checked.
    const forged = { ...buildHandBackModal({ conversationId: c.id, customerName: c.customerName, handBack: 'close' }), id: 'V0FORGED', hash: '1.forged' };
    expect(await submitView(h, forged, 'U0PAT', handBackValues('closing it anyway'))).toEqual({});
    const [denied] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0PAT');
    expect(String(denied!.args.text)).toBe('Only the support team can close conversations. Ask a workspace admin to add you.');
    expect((await stored(c)).events.map((e) => e.type)).toEqual(['alert_received']);
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: c.id, type: 'conversation.closed' } })).toBe(0);
  });

  it("keeps a reply from someone outside the team in Slack and tells them why", async () => {
    const c = await openConversation(h);
    const ts = `${Math.floor(Date.now() / 1000)}.000300`;
    await sendEvent(h, { type: 'message', channel: 'C0ALERTS', channel_type: 'channel', user: 'U0PAT', text: 'Is this the customer from yesterday?', ts, thread_ts: c.rootTs });
    const [kept] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0PAT');
    expect(String(kept!.args.text)).toContain('Your reply stays in Slack and was not sent to the customer. Only the support team can reply to customers.');
    const message = await h.app.db.message.findFirstOrThrow({ where: { slackTs: ts } });
    expect(message.relayState).toBe('not_relayed');
    expect((await stored(c)).status).toBe('waiting');
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it('asks Slack for group members once a minute, not on every click', async () => {
    const c = await openConversation(h);
    await press('conversation_take_over', c, 'U0ALICE');
    await platformEvent(c, 'conversation.taken_over');
    const asked = h.slack.calls('usergroups.users.list').length;
    expect(asked).toBeLessThanOrEqual(2);
    await press('conversation_close', c, 'U0BOB');
    await platformEvent(c, 'conversation.closed');
    await press('conversation_reopen', c, 'U0SUE');
    await platformEvent(c, 'conversation.reopened');
    expect(h.slack.calls('usergroups.users.list').length).toBe(asked);
  });
});

describe('the customer profile under the user groups', () => {
  it('opens for an agent and turns away someone in neither group, privately', async () => {
    const c = await openConversation(h);
    await press('conversation_customer', c, 'U0PAT');
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Only the support team can update customer profiles. Ask a workspace admin to add you.' });
    const view = await pressForModal(h, { actionId: 'conversation_customer', value: c.id, userId: 'U0ALICE', rootTs: c.rootTs, responseUrl: respond.url });
    expect(view.callback_id).toBe('conversation_customer_view');
  });

  it('stores nothing from a save by someone in neither group, and tells them privately', async () => {
    const c = await openConversation(h);
    // A profile opened by an agent, saved by someone else: the save checks who saves, not who opened it.
    const view = await pressForModal(h, { actionId: 'conversation_customer', value: c.id, userId: 'U0BOB', rootTs: c.rootTs, responseUrl: respond.url });
    const values = { customer_note_block: { customer_note: { type: 'plain_text_input', value: 'not allowed' } } };
    expect(await submitView(h, view, 'U0PAT', values)).toEqual({});
    const [told] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0PAT');
    expect(String(told!.args.text)).toContain('Only the support team can update customer profiles');
    expect(await h.app.db.customerNote.count({ where: { text: 'not allowed' } })).toBe(0);
  });
});
