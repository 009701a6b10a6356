import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import {
  assignValues,
  openConversation,
  platformEvent as platformEventOf,
  pressButton,
  pressForModal,
  submitView,
  tagValues,
  type OpenConversation,
} from '../helpers/slack-user';
import type { SlackCall } from '../helpers/slack-stand-in';
import { visibleText } from '../helpers/block-text';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const openModal = (c: OpenConversation, actionId: string, userId: string) =>
  pressForModal(h, { actionId, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });

const platformEvent = (c: OpenConversation, type: string) => platformEventOf(h, c, type);

const rootUpdate = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.update' && call.args.ts === c.rootTs && visibleText(call.args.blocks).includes(contains);

const threadLine = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes(contains);

describe('Assign', () => {
  it('assigns with a note and priority: stored, logged, shown, told to the platform, and the assignee gets a DM', async () => {
    const c = await openConversation(h);
    const view = await openModal(c, 'conversation_assign', 'U0SUPER');
    expect(view.callback_id).toBe('conversation_assign_view');

    const answer = await submitView(h, view, 'U0SUPER', assignValues('U0CAROL', 'urgent', 'VIP — refund approved up to $200'));
    expect(answer).toEqual({});

    const event = await platformEvent(c, 'conversation.assigned');
    expect(event.data).toMatchObject({ actor: { id: 'U0SUPER' }, status: 'human', assigneeId: 'U0CAROL', priority: 'urgent', note: 'VIP — refund approved up to $200' });
    await h.slack.waitFor(rootUpdate(c, 'Taken by <@U0CAROL>'));
    await h.slack.waitFor(threadLine(c, '<@U0SUPER> assigned this to <@U0CAROL> (priority *urgent*)'));

    const [opened] = await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0CAROL');
    const dmChannel = (opened!.response as { channel: { id: string } }).channel.id;
    const [dm] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === dmChannel);
    expect(String(dm!.args.text)).toBe(`<@U0SUPER> assigned you the conversation with ${c.customerName} (urgent priority)`);
    const blocks = JSON.stringify(dm!.args.blocks);
    expect(blocks).toContain('VIP — refund approved up to $200');
    expect(blocks).toContain(`/archives/C0ALERTS/p${c.rootTs.replace('.', '')}`);

    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    expect(stored).toMatchObject({ status: 'human', assigneeId: 'U0CAROL', priority: 'urgent' });
    expect(stored.events.find((e) => e.type === 'assigned')).toMatchObject({ actorId: 'U0SUPER', data: { assigneeId: 'U0CAROL', note: 'VIP — refund approved up to $200' } });
  });

  it('opens with the current assignee and priority filled in', async () => {
    const c = await openConversation(h, { priority: 'low' });
    await submitView(h, await openModal(c, 'conversation_assign', 'U0SUPER'), 'U0SUPER', assignValues('U0CAROL', 'high'));
    await platformEvent(c, 'conversation.assigned');
    const view = await openModal(c, 'conversation_assign', 'U0SUPER');
    const inputs = JSON.stringify(view.blocks);
    expect(inputs).toContain('"initial_user":"U0CAROL"');
    expect(inputs).toContain('"initial_option":{"text":{"type":"plain_text","text":"High"},"value":"high"}');
  });

  it('keeps the modal open with a message under the field when nobody was chosen', async () => {
    const c = await openConversation(h);
    const answer = await submitView(h, await openModal(c, 'conversation_assign', 'U0SUPER'), 'U0SUPER', assignValues(null, 'normal'));
    expect(answer).toEqual({ response_action: 'errors', errors: { assign_user_block: 'Choose who should handle this conversation.' } });
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('waiting');
  });

  it('asks for another click when Slack says the click expired before the modal opened', async () => {
    const c = await openConversation(h);
    h.slack.failNext('views.open', { error: 'expired_trigger_id' });
    await pressButton(h, { actionId: 'conversation_assign', value: c.id, userId: 'U0SUPER', rootTs: c.rootTs, responseUrl: respond.url });
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Slack took too long to open the form. Click the button again.' });
    expect(await openModal(c, 'conversation_assign', 'U0SUPER')).toMatchObject({ callback_id: 'conversation_assign_view' });
  });

  it('does not open on a closed conversation, and says why', async () => {
    const c = await openConversation(h);
    await pressButton(h, { actionId: 'conversation_close', value: c.id, userId: 'U0SUPER', rootTs: c.rootTs, responseUrl: respond.url });
    await platformEvent(c, 'conversation.closed');
    await pressButton(h, { actionId: 'conversation_assign', value: c.id, userId: 'U0SUPER', rootTs: c.rootTs, responseUrl: respond.url });
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'This conversation is closed. Reopen it first.' });
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it('tells the person privately when the conversation was closed while the modal was open', async () => {
    const c = await openConversation(h);
    const view = await openModal(c, 'conversation_assign', 'U0SUPER');
    await pressButton(h, { actionId: 'conversation_close', value: c.id, userId: 'U0BOB', rootTs: c.rootTs, responseUrl: respond.url });
    await platformEvent(c, 'conversation.closed');
    expect(await submitView(h, view, 'U0SUPER', assignValues('U0CAROL', 'normal'))).toEqual({});
    const [ephemeral] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'U0SUPER');
    expect(ephemeral!.args).toMatchObject({ channel: 'C0ALERTS', text: 'This conversation is closed. Reopen it first.' });
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBeNull();
  });
});

describe('Tag', () => {
  it('adds typed tags, remembers them for the workspace and offers them next time', async () => {
    const c = await openConversation(h);
    const first = await openModal(c, 'conversation_tag', 'U0ALICE');
    // No tag exists yet, so there is no list to choose from, only the box for new ones.
    expect(JSON.stringify(first.blocks)).not.toContain('tag_select_block');
    expect(await submitView(h, first, 'U0ALICE', tagValues(null, 'refund, VIP '))).toEqual({});

    const event = await platformEvent(c, 'conversation.tagged');
    expect(event.data).toMatchObject({ actor: { id: 'U0ALICE' }, tags: ['refund', 'VIP'] });
    await h.slack.waitFor(rootUpdate(c, ':label: refund · VIP'));
    await h.slack.waitFor(threadLine(c, '<@U0ALICE> added refund, VIP'));
    const tags = await h.app.db.tag.findMany({ where: { workspaceId: h.app.tenancy!.workspaceId } });
    expect(tags.map((t) => t.name).sort()).toEqual(['VIP', 'refund']);

    const other = await openConversation(h);
    const offered = await openModal(other, 'conversation_tag', 'U0ALICE');
    const list = JSON.stringify(offered.blocks);
    expect(list).toContain('"value":"refund"');
    expect(list).toContain('"value":"VIP"');
    expect(list).not.toContain('initial_options');
  });

  it('removes a tag left unselected and keeps one a colleague added meanwhile', async () => {
    const c = await openConversation(h);
    await submitView(h, await openModal(c, 'conversation_tag', 'U0ALICE'), 'U0ALICE', tagValues(null, 'billing, urgent-refund'));
    await platformEvent(c, 'conversation.tagged');
    h.platform.reset();

    const view = await openModal(c, 'conversation_tag', 'U0ALICE');
    // A colleague tags the conversation while this modal is open.
    await submitView(h, await openModal(c, 'conversation_tag', 'U0BOB'), 'U0BOB', tagValues(['billing', 'urgent-refund'], 'escalated'));
    await platformEvent(c, 'conversation.tagged');
    h.platform.reset();

    expect(await submitView(h, view, 'U0ALICE', tagValues(['billing'], null))).toEqual({});
    const event = await platformEvent(c, 'conversation.tagged');
    expect(event.data.tags).toEqual(['billing', 'escalated']);
    await h.slack.waitFor(threadLine(c, '<@U0ALICE> removed urgent-refund'));
  });

  it('refuses a tag that is too long under its field', async () => {
    const c = await openConversation(h);
    const answer = await submitView(h, await openModal(c, 'conversation_tag', 'U0ALICE'), 'U0ALICE', tagValues(null, 'x'.repeat(51)));
    expect(answer).toMatchObject({ response_action: 'errors', errors: { tag_new_block: expect.stringContaining('50 characters or fewer') } });
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).tags).toEqual([]);
  });
});
