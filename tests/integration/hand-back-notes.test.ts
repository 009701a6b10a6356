import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import {
  handBackValues,
  openConversation,
  pickForModal,
  pickFromMenu,
  platformEvent as platformEventOf,
  pressButton,
  submitView,
  type OpenConversation,
} from '../helpers/slack-user';
import type { SlackCall } from '../helpers/slack-stand-in';
import { visibleText } from '../helpers/block-text';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const HOSTILE_NOTE = "Refund issued <!channel>, don't offer <@U0BOSS> another & <https://evil.example|click>";
// As the thread shows it: literally, its angle brackets made harmless.
const SHOWN_NOTE = "Refund issued (!channel), don't offer (@U0BOSS) another & (https://evil.example|click)";

const openWithNote = (c: OpenConversation, handBack: 'close' | 'restore', userId: string) =>
  pickForModal(h, { actionId: 'conversation_hand_back', option: `${handBack}:${c.id}`, userId, rootTs: c.rootTs, responseUrl: respond.url });

const press = (c: OpenConversation, actionId: string, userId: string) =>
  pressButton(h, { actionId, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });

const platformEvent = (c: OpenConversation, type: string) => platformEventOf(h, c, type);

const threadLine = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && JSON.stringify(call.args).includes(contains);

describe('a note for the AI when handing the conversation back', () => {
  it('closes with a note: the platform gets it in conversation.closed, the thread shows it literally, the log keeps it', async () => {
    const c = await openConversation(h);
    await press(c, 'conversation_take_over', 'U0ALICE');
    await platformEvent(c, 'conversation.taken_over');

    const view = await openWithNote(c, 'close', 'U0ALICE');
    expect(view.callback_id).toBe('conversation_close_view');
    expect(await submitView(h, view, 'U0ALICE', handBackValues(HOSTILE_NOTE))).toEqual({});

    const event = await platformEvent(c, 'conversation.closed');
    expect(event.data).toMatchObject({ actor: { id: 'U0ALICE' }, status: 'closed', note: HOSTILE_NOTE });
    const [line] = await h.slack.waitFor(threadLine(c, '<@U0ALICE> closed the conversation'));
    const posted = JSON.stringify(line!.args);
    expect(visibleText(line!.args.blocks)).toContain(`note for the AI: “${SHOWN_NOTE}”`);
    expect(posted).not.toContain('<!channel>');
    expect(posted).not.toContain('<@U0BOSS>');

    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    expect(stored.status).toBe('closed');
    expect(stored.events.find((e) => e.type === 'closed')).toMatchObject({ actorId: 'U0ALICE', data: { note: HOSTILE_NOTE, assigneeId: 'U0ALICE' } });
  });

  it('restores to the AI with a note, carried in conversation.restored', async () => {
    const c = await openConversation(h);
    const view = await openWithNote(c, 'restore', 'U0BOB');
    expect(view.callback_id).toBe('conversation_restore_view');
    expect(await submitView(h, view, 'U0BOB', handBackValues('Sent the replacement; tracking number is in the email'))).toEqual({});

    const event = await platformEvent(c, 'conversation.restored');
    expect(event.data).toMatchObject({ actor: { id: 'U0BOB' }, status: 'ai', note: 'Sent the replacement; tracking number is in the email' });
    await h.slack.waitFor(threadLine(c, 'note for the AI: “Sent the replacement; tracking number is in the email”'));
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('ai');
  });

  it('hands back with no note when the modal is submitted empty', async () => {
    const c = await openConversation(h);
    expect(await submitView(h, await openWithNote(c, 'restore', 'U0BOB'), 'U0BOB', handBackValues(null))).toEqual({});
    expect((await platformEvent(c, 'conversation.restored')).data).toMatchObject({ note: null });
  });

  it('still closes with one press of Close, with no modal and no note', async () => {
    const c = await openConversation(h);
    await press(c, 'conversation_close', 'U0ALICE');
    const event = await platformEvent(c, 'conversation.closed');
    expect(event.data).toMatchObject({ actor: { id: 'U0ALICE' }, status: 'closed', note: null });
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it('does not open on a closed conversation, and says why', async () => {
    const c = await openConversation(h);
    await press(c, 'conversation_close', 'U0ALICE');
    await platformEvent(c, 'conversation.closed');
    await pickFromMenu(h, { actionId: 'conversation_hand_back', option: `restore:${c.id}`, userId: 'U0ALICE', rootTs: c.rootTs, responseUrl: respond.url });
    const [answer] = await respond.waitFor();
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'This conversation is closed. Reopen it first.' });
    expect(h.slack.calls('views.open')).toEqual([]);
  });
});
