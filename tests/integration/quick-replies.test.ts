import { randomUUID } from 'node:crypto';
import { alertBody } from '../helpers/alerts';
import { visibleText } from '../helpers/block-text';
import { startHarness, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { waitForSettled } from '../helpers/settle';
import type { SlackCall } from '../helpers/slack-stand-in';
import { openHome, pressOnHome, type PublishedHome } from '../helpers/slack-home';
import { sweepNow } from '../helpers/sweep-now';
import { nextMessageTs, openConversation, pressButton, pressForModal, sendEvent, submitView, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const suggestionPost = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && JSON.stringify(call.args.blocks).includes('suggestion_send') && JSON.stringify(call.args.blocks).includes(contains);

const agentPost = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && call.args.username !== undefined && String(call.args.text).includes(contains);

function suggest(c: OpenConversation, body: unknown) {
  return h.platformRequest(`/api/v1/conversations/${c.externalId}/suggestions`, body);
}

async function suggestionIdOf(c: OpenConversation, text: string): Promise<string> {
  await waitUntil(async () => (await h.app.db.suggestion.count({ where: { conversationId: c.id, text } })) === 1);
  return (await h.app.db.suggestion.findFirstOrThrow({ where: { conversationId: c.id, text } })).id;
}

const press = (c: OpenConversation, actionId: string, value: string, userId: string) =>
  pressButton(h, { actionId, value, userId, rootTs: c.rootTs, responseUrl: respond.url });

describe("the AI's suggested reply", () => {
  it('shows the suggestion an alert carries, literally, with Send and Edit and send', async () => {
    const c = await openConversation(h, { suggestedReply: 'Hi! <!channel> your refund is on its way.' });
    const [post] = await h.slack.waitFor(suggestionPost(c, 'your refund is on its way'));
    expect(visibleText(post!.args.blocks)).toContain('Hi! (!channel) your refund is on its way.');
    expect(JSON.stringify(post!.args.blocks)).toContain('suggestion_edit');
  });

  it('offers a suggestion once for a webhook-id sent twice, with the same answer', async () => {
    const c = await openConversation(h);
    const webhookId = `msg_${randomUUID()}`;
    const first = await h.platformRequest(`/api/v1/conversations/${c.externalId}/suggestions`, { text: 'Once only' }, { webhookId });
    const again = await h.platformRequest(`/api/v1/conversations/${c.externalId}/suggestions`, { text: 'Once only' }, { webhookId });
    expect(first.status).toBe(202);
    expect(await again.json()).toEqual(await first.json());
    await h.slack.waitFor(suggestionPost(c, 'Once only'));
    await waitForSettled(h);
    expect(await h.app.db.suggestion.count({ where: { conversationId: c.id } })).toBe(1);
    expect(h.slack.calls('chat.postMessage').filter(suggestionPost(c, 'Once only'))).toHaveLength(1);
  });

  it('replaces the suggestion with the one a later alert carries', async () => {
    const c = await openConversation(h, { suggestedReply: 'From the first alert' });
    await h.slack.waitFor(suggestionPost(c, 'From the first alert'));
    const res = await h.platformRequest('/api/v1/handoffs', { ...alertBody({ conversationId: c.externalId, transcript: [] }), suggestedReply: 'From the second alert' });
    expect(res.status).toBe(202);
    await h.slack.waitFor(suggestionPost(c, 'From the second alert'));
    const states = await h.app.db.suggestion.findMany({ where: { conversationId: c.id }, orderBy: { createdAt: 'asc' }, select: { text: true, state: true } });
    expect(states).toEqual([
      { text: 'From the first alert', state: 'replaced' },
      { text: 'From the second alert', state: 'offered' },
    ]);
  });

  it('refuses a suggestion without text with a 400 naming the field', async () => {
    const c = await openConversation(h);
    const res = await suggest(c, { text: '   ' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('"text"');
  });

  it('sends the suggestion once when two agents press Send at the same moment, as the agent who won, taking over first', async () => {
    const c = await openConversation(h);
    const res = await suggest(c, { text: 'Your order ships tomorrow.' });
    expect(res.status).toBe(202);
    await h.slack.waitFor(suggestionPost(c, 'Your order ships tomorrow.'));
    const id = await suggestionIdOf(c, 'Your order ships tomorrow.');

    await Promise.all([press(c, 'suggestion_send', id, 'U0CAROL'), press(c, 'suggestion_send', id, 'U0DAVE'), press(c, 'suggestion_send', id, 'U0CAROL')]);
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    await waitForSettled(h);

    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Your order ships tomorrow.']);
    expect(await h.app.db.message.count({ where: { conversationId: c.id, role: 'agent' } })).toBe(1);
    const suggestion = await h.app.db.suggestion.findUniqueOrThrow({ where: { id } });
    const conversation = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(conversation).toMatchObject({ status: 'human', assigneeId: suggestion.sentBy });
    // The platform hears of the take-over before the message.
    const types = h.platform.deliveries().filter((d) => (d.body as { conversationId: string }).conversationId === c.externalId).map((d) => (d.body as { type: string }).type);
    expect(types.indexOf('conversation.taken_over')).toBeLessThan(types.indexOf('agent.message'));
    // Shown in the thread as the agent's message, and the suggestion's buttons are gone.
    const [posted] = await h.slack.waitFor(agentPost(c, 'Your order ships tomorrow.'));
    expect(JSON.stringify(posted!.args.blocks)).toContain(`sent by <@${suggestion.sentBy}>`);
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === suggestion.slackTs && JSON.stringify(call.args.blocks).includes(`sent by <@${suggestion.sentBy}>`));

    // Slack echoes Handoff's own post as a bot message: it is not relayed a second time.
    const postedTs = (posted!.response as { ts: string }).ts;
    await sendEvent(h, { type: 'message', channel: 'C0ALERTS', ts: postedTs, thread_ts: c.rootTs, text: 'Your order ships tomorrow.', bot_id: 'B0HANDOFF', user: 'U0HANDOFF' });
    await waitForSettled(h);
    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Your order ships tomorrow.']);
    expect(await h.app.db.message.findFirstOrThrow({ where: { conversationId: c.id, role: 'agent' } })).toMatchObject({ slackTs: postedTs, relayState: 'delivered' });
    // Delivered, it gets its ✔️ like a typed reply.
    await h.slack.waitFor((call) => call.method === 'reactions.add' && call.args.timestamp === postedTs && call.args.name === 'heavy_check_mark');
  });

  it('sends the suggestion as the agent edited it with Edit and send', async () => {
    const c = await openConversation(h, { suggestedReply: 'We can refund {amount}.' });
    const id = await suggestionIdOf(c, 'We can refund {amount}.');
    const editor = await pressForModal(h, { actionId: 'suggestion_edit', value: id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    expect(editor.callback_id).toBe('conversation_send_reply_view');
    expect(JSON.stringify(editor.blocks)).toContain('We can refund {amount}.');
    // The AI's braces are its own words, not placeholders: nothing is refused for them.
    const answer = await submitView(h, editor, 'U0CAROL', replyValues('reply_text_block', 'We can refund {amount}: $20, today.'));
    expect(answer).toEqual({});
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['We can refund {amount}: $20, today.']);
    expect(await h.app.db.suggestion.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'sent', sentBy: 'U0CAROL' });
  });

  it('brings a replaced suggestion post up to date from the sweeper when its update was lost', async () => {
    const c = await openConversation(h, { suggestedReply: 'Lost update draft' });
    const id = await suggestionIdOf(c, 'Lost update draft');
    await waitUntil(async () => (await h.app.db.suggestion.findUniqueOrThrow({ where: { id } })).shownState === 'offered');
    await waitForSettled(h);
    // As if the job that should show the change had vanished with Redis.
    await h.app.db.suggestion.update({ where: { id }, data: { state: 'replaced', changedAt: new Date(Date.now() - 60_000) } });
    const { slackTs } = await h.app.db.suggestion.findUniqueOrThrow({ where: { id } });
    expect(await sweepNow(h)).toBeGreaterThan(0);
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === slackTs && JSON.stringify(call.args.blocks).includes('Replaced by a newer suggestion'));
    await waitUntil(async () => (await h.app.db.suggestion.findUniqueOrThrow({ where: { id } })).shownState === 'replaced');
  });

  it('replaces the older suggestion: its post loses its buttons and says so, and Send on it sends nothing', async () => {
    const c = await openConversation(h);
    await suggest(c, { text: 'First draft' });
    await h.slack.waitFor(suggestionPost(c, 'First draft'));
    const first = await suggestionIdOf(c, 'First draft');
    await suggest(c, { text: 'Second draft' });
    await h.slack.waitFor(suggestionPost(c, 'Second draft'));
    const old = await h.app.db.suggestion.findUniqueOrThrow({ where: { id: first } });
    const [update] = await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === old.slackTs);
    expect(JSON.stringify(update!.args.blocks)).toContain('Replaced by a newer suggestion');
    expect(JSON.stringify(update!.args.blocks)).not.toContain('suggestion_send');

    await press(c, 'suggestion_send', first, 'U0CAROL');
    const [answer] = await respond.waitFor((a) => String((a as { text?: string }).text).includes('already sent, or a newer one replaced it'));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    await waitForSettled(h);
    expect(repliesTo(h, c.externalId)).toEqual([]);
  });

  it('leaves the alert where it is when the post of a replaced suggestion was deleted from Slack', async () => {
    const c = await openConversation(h);
    await suggest(c, { text: 'Deleted draft' });
    const first = await suggestionIdOf(c, 'Deleted draft');
    await waitUntil(async () => (await h.app.db.suggestion.findUniqueOrThrow({ where: { id: first } })).shownState === 'offered');
    await waitForSettled(h);
    // An admin deleted the draft's post: Slack answers message_not_found when it is updated.
    h.slack.failNext('chat.update', { error: 'message_not_found' });
    await suggest(c, { text: 'Newer draft' });
    await waitUntil(async () => (await h.app.db.suggestion.findUniqueOrThrow({ where: { id: first } })).shownState === 'replaced');
    await waitForSettled(h);
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ slackThreadTs: c.rootTs, slackChannelId: 'C0ALERTS' });
    expect(h.slack.calls('chat.postMessage').filter((call) => !call.args.thread_ts && String(call.args.text).includes(c.customerName))).toHaveLength(1);
  });

  it('refuses to send a suggestion in a closed conversation, visibly', async () => {
    const c = await openConversation(h);
    await suggest(c, { text: 'Anything else?' });
    const id = await suggestionIdOf(c, 'Anything else?');
    await press(c, 'conversation_close', c.id, 'U0CAROL');
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status === 'closed');
    await press(c, 'suggestion_send', id, 'U0CAROL');
    await respond.waitFor((a) => String((a as { text?: string }).text).includes('This conversation is closed'));
    await waitForSettled(h);
    expect(repliesTo(h, c.externalId)).toEqual([]);
  });
});

const replyValues = (blockId: string, text: string) => ({ [blockId]: { reply_text: { type: 'plain_text_input', value: text } } });

describe('saved replies', () => {
  async function addReply(title: string, text: string) {
    return h.app.db.savedReply.create({ data: { workspaceId: (await h.app.db.workspace.findFirstOrThrow()).id, title, text, updatedBy: 'U0CAROL' } });
  }

  it('fills the placeholders from the conversation and the agent, and relays it as the agent message', async () => {
    const reply = await addReply(`Greeting ${randomUUID().slice(0, 6)}`, 'Hi {customer.firstName}, {agent.name} here.');
    const c = await openConversation(h, { customer: { name: 'Ada Lovelace' } });
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    expect(picker.callback_id).toBe('conversation_send_reply_view');
    expect(JSON.stringify(picker.blocks)).toContain(reply.title);

    const answer = await submitView(h, picker, 'U0CAROL', replyValues('reply_text_block', 'Hi {customer.firstName}, {agent.name} here. Your refund is done.'));
    expect(answer).toEqual({});
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    const [delivery] = repliesTo(h, c.externalId);
    const data = (delivery!.body as { data: { text: string; agent: { id: string } } }).data;
    expect(data.text).toMatch(/^Hi Ada, .+ here\. Your refund is done\.$/);
    expect(data.text).not.toContain('{');
    expect(data.agent.id).toBe('U0CAROL');
    await h.slack.waitFor(agentPost(c, 'Your refund is done.'));
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe('U0CAROL');
  });

  it('refuses an unknown placeholder by name and sends nothing', async () => {
    const c = await openConversation(h);
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    const answer = await submitView(h, picker, 'U0CAROL', replyValues('reply_text_block', 'Hi {customer.surname}'));
    expect(answer).toEqual({ response_action: 'errors', errors: { reply_text_block: 'Unknown placeholder {customer.surname}. Use {customer.name}, {customer.firstName}, {agent.name}.' } });
    await waitForSettled(h);
    expect(repliesTo(h, c.externalId)).toEqual([]);
  });

  it('is managed with /handoff replies: the library opens, and a reply is added through its editor', async () => {
    const typed = await typeCommand(h, { userId: 'U0CAROL', text: 'replies', responseUrl: respond.url });
    expect(typed.status).toBe(200);
    const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && (call.args.view as { callback_id?: string }).callback_id === 'saved_replies_view');
    expect(opened).toBeDefined();

    const editor = { type: 'modal', callback_id: 'saved_reply_editor_view', private_metadata: '{}', id: 'V0EDITOR', hash: 'h1', blocks: [] };
    const title = `Shipping ${randomUUID().slice(0, 6)}`;
    const refused = await submitView(h, editor, 'U0CAROL', {
      saved_reply_title_block: { saved_reply_title: { value: title } },
      saved_reply_text_block: { saved_reply_text: { value: 'Hi {customer.nickname}' } },
    });
    expect(refused).toMatchObject({ response_action: 'errors', errors: { saved_reply_text_block: expect.stringContaining('{customer.nickname}') } });

    const saved = await submitView(h, editor, 'U0CAROL', {
      saved_reply_title_block: { saved_reply_title: { value: title } },
      saved_reply_text_block: { saved_reply_text: { value: 'Hi {customer.name}, it ships today.' } },
    });
    expect(saved).toMatchObject({ response_action: 'update', view: { callback_id: 'saved_replies_view' } });
    expect(JSON.stringify(saved.view)).toContain(title);
    expect(await h.app.db.savedReply.count({ where: { title } })).toBe(1);
  });

  it('fills the picked reply into the picker for the agent to edit', async () => {
    const reply = await addReply(`Picked ${randomUUID().slice(0, 6)}`, 'Hello {customer.name}, {agent.name} from support.');
    const c = await openConversation(h, { customer: { name: 'Grace Hopper' } });
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    await pressOnHome(h, picker as unknown as PublishedHome, 'U0CAROL', { actionId: 'saved_reply_pick', selected: reply.id });
    const [updated] = await h.slack.waitFor((call) => call.method === 'views.update' && call.args.view_id === picker.id);
    const blocks = JSON.stringify((updated!.args.view as { blocks: unknown }).blocks);
    expect(blocks).toMatch(/Hello Grace Hopper, .+ from support\./);
    expect(blocks).toContain(`reply_text_block:${reply.id}`);
  });

  it('fills the placeholders once: a customer named like a placeholder is neither filled again nor refused', async () => {
    const reply = await addReply(`Named ${randomUUID().slice(0, 6)}`, 'Hello {customer.name}, we have it.');
    const c = await openConversation(h, { customer: { name: 'Eve {agent.name} {customer.email}' } });
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    await pressOnHome(h, picker as unknown as PublishedHome, 'U0CAROL', { actionId: 'saved_reply_pick', selected: reply.id });
    const [updated] = await h.slack.waitFor((call) => call.method === 'views.update' && call.args.view_id === picker.id);
    const view = updated!.args.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    // The agent sends the text the pick put in the box, untouched.
    const box = view.blocks.find((b) => b.block_id === `reply_text_block:${reply.id}`)!;
    const answer = await submitView(h, { ...picker, blocks: view.blocks }, 'U0CAROL', replyValues(box.block_id!, box.element!.initial_value!));
    expect(answer).toEqual({});
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Hello Eve {agent.name} {customer.email}, we have it.']);
    // The box keeps the placeholders; below it the agent reads what the customer will.
    expect(visibleText(view.blocks)).toContain('*The customer reads:* Hello Eve {agent.name} {customer.email}, we have it.');
  });

  it('keeps the picker open with the reason when the reply is too long for the channel, then sends the shorter one', async () => {
    const c = await openConversation(h, { channel: { type: 'sms' } });
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    const refused = await submitView(h, picker, 'U0CAROL', replyValues('reply_text_block', 'x'.repeat(1_700)));
    expect(refused).toEqual({ response_action: 'errors', errors: { reply_text_block: 'Too long for this channel: 1700 characters, at most 1600.' } });
    // Slack sends the corrected submission of the same view.
    expect(await submitView(h, picker, 'U0CAROL', replyValues('reply_text_block', 'Short and sweet'))).toEqual({});
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Short and sweet']);
  });

  it('tells the agent in their direct messages when the reply they picked was deleted meanwhile', async () => {
    const reply = await addReply(`Vanishing ${randomUUID().slice(0, 6)}`, 'Gone soon');
    const c = await openConversation(h);
    const picker = await pressForModal(h, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    await h.app.db.savedReply.delete({ where: { id: reply.id } });
    await pressOnHome(h, picker as unknown as PublishedHome, 'U0CAROL', { actionId: 'saved_reply_pick', selected: reply.id });
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'U0CAROL' && String(call.args.text).includes('just deleted'));
  });

  it('opens the same library from App Home, and deletes a reply from it', async () => {
    const reply = await addReply(`Doomed ${randomUUID().slice(0, 6)}`, 'Bye {customer.firstName}');
    const home = await openHome(h, 'U0CAROL');
    await pressOnHome(h, home, 'U0CAROL', { actionId: 'saved_replies_manage', value: 'manage' });
    const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(reply.title));
    const library = (opened!.response as { view: PublishedHome }).view;
    await pressOnHome(h, library, 'U0CAROL', { actionId: 'saved_reply_delete', value: reply.id });
    const [updated] = await h.slack.waitFor((call) => call.method === 'views.update' && call.args.view_id === library.id);
    expect(JSON.stringify(updated!.args.view)).not.toContain(reply.title);
    expect(await h.app.db.savedReply.count({ where: { id: reply.id } })).toBe(0);
  });

  it('finds a reply past those the library lists, and deletes it', async () => {
    const prefix = randomUUID().slice(0, 6);
    const made = [];
    for (let i = 0; i < 50; i++) made.push(await addReply(`${prefix} ${String(i).padStart(2, '0')}`, `Text ${i}`));
    const last = made.at(-1)!;
    await typeCommand(h, { userId: 'U0CAROL', text: 'replies', responseUrl: respond.url });
    const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(`${prefix} 00`));
    const library = (opened!.response as { view: PublishedHome }).view;
    expect(JSON.stringify(library)).not.toContain(`"value":"${last.id}","confirm"`);
    await pressOnHome(h, library, 'U0CAROL', { actionId: 'saved_reply_find', selected: last.id });
    const [found] = await h.slack.waitFor((call) => call.method === 'views.update' && call.args.view_id === library.id);
    const shown = (found!.response as { view: PublishedHome }).view;
    await pressOnHome(h, shown, 'U0CAROL', { actionId: 'saved_reply_delete', value: last.id });
    await waitUntil(async () => (await h.app.db.savedReply.count({ where: { id: last.id } })) === 0);
    expect(JSON.stringify(found!.args.view)).toContain(`"value":"${last.id}","confirm"`);
  });

  it('refuses the picker on a closed conversation, visibly', async () => {
    const c = await openConversation(h);
    await press(c, 'conversation_close', c.id, 'U0CAROL');
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status === 'closed');
    await press(c, 'conversation_saved_reply', c.id, 'U0CAROL');
    await respond.waitFor((a) => String((a as { text?: string }).text).includes('This conversation is closed'));
  });
});

describe('a message Handoff sends for the agent, in marker mode', () => {
  it('is sent as it stands: the agent chose to send it, so the send marker is not asked for', async () => {
    const marked = await startHarness({ RELAY_MODE: 'marker', RELAY_SEND_MARKER: '>>' });
    try {
      const c = await openConversation(marked, { suggestedReply: 'Sent without a marker' });
      await waitUntil(async () => (await marked.app.db.suggestion.count({ where: { conversationId: c.id } })) === 1);
      const { id } = await marked.app.db.suggestion.findFirstOrThrow({ where: { conversationId: c.id } });
      await pressButton(marked, { actionId: 'suggestion_send', value: id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
      await marked.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message');
      expect(replyTexts(repliesTo(marked, c.externalId))).toEqual(['Sent without a marker']);
    } finally {
      expect(marked.platform.problems()).toEqual([]);
      await marked.stop();
    }
  });
});

describe('a message Handoff sends for the agent, next to their typed replies', () => {
  it('reaches the platform after a reply typed just before it, still in its grace period', async () => {
    const graced = await startHarness({ RELAY_GRACE_SECONDS: '1' });
    try {
      const c = await openConversation(graced);
      const picker = await pressForModal(graced, { actionId: 'conversation_saved_reply', value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
      await sendEvent(graced, { type: 'message', channel: 'C0ALERTS', user: 'U0CAROL', ts: nextMessageTs(), thread_ts: c.rootTs, text: 'Typed first' });
      await waitUntil(async () => (await graced.app.db.message.count({ where: { conversationId: c.id, role: 'agent' } })) === 1);
      expect(await submitView(graced, picker, 'U0CAROL', replyValues('reply_text_block', 'Saved second'))).toEqual({});
      await graced.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message', 15_000, 2);
      expect(replyTexts(repliesTo(graced, c.externalId))).toEqual(['Typed first', 'Saved second']);
    } finally {
      expect(graced.platform.problems()).toEqual([]);
      await graced.stop();
    }
  });
});
