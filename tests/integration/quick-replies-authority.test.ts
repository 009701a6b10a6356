import { randomUUID } from 'node:crypto';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { pressOnHome, type PublishedHome } from '../helpers/slack-home';
import { openConversation, pressButton, pressForModal, submitView, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';

// The support team is one user group with Alice in it; Pat is in the alerts channel but not on the team.
const TEAM = 'S0SUPPORT';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { env: { SLACK_AGENTS_USERGROUP: TEAM }, respond });
beforeEach(() => h.slack.setUserGroup(TEAM, ['U0ALICE']));

const press = (c: OpenConversation, actionId: string, value: string, userId: string) =>
  pressButton(h, { actionId, value, userId, rootTs: c.rootTs, responseUrl: respond.url });

const denied = () => respond.waitFor((a) => String((a as { text?: string }).text).startsWith('Only '));

async function offered(text: string): Promise<{ c: OpenConversation; suggestionId: string }> {
  const c = await openConversation(h, { suggestedReply: text });
  await waitUntil(async () => (await h.app.db.suggestion.count({ where: { conversationId: c.id } })) === 1);
  return { c, suggestionId: (await h.app.db.suggestion.findFirstOrThrow({ where: { conversationId: c.id } })).id };
}

describe('saved replies and suggestions, for the support team only', () => {
  it('opens no picker for someone outside the team, and tells them why', async () => {
    const c = await openConversation(h);
    await press(c, 'conversation_saved_reply', c.id, 'U0PAT');
    await denied();
    await waitForSettled(h);
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it("sends nothing when someone outside the team presses Send on the AI's suggestion, and keeps it on offer", async () => {
    const { c, suggestionId } = await offered('Happy to help further!');
    await press(c, 'suggestion_send', suggestionId, 'U0PAT');
    await denied();
    await waitForSettled(h);
    expect(repliesTo(h, c.externalId)).toEqual([]);
    expect(await h.app.db.suggestion.findUniqueOrThrow({ where: { id: suggestionId } })).toMatchObject({ state: 'offered', sentBy: null });

    // An agent can still send it.
    await press(c, 'suggestion_send', suggestionId, 'U0ALICE');
    await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message');
    expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Happy to help further!']);
  });

  it('opens the edit modal for an agent but not for someone outside the team', async () => {
    const { c, suggestionId } = await offered('Shall I book a call?');
    await press(c, 'suggestion_edit', suggestionId, 'U0PAT');
    await denied();
    const view = await pressForModal(h, { actionId: 'suggestion_edit', value: suggestionId, userId: 'U0ALICE', rootTs: c.rootTs, responseUrl: respond.url });
    expect(view.callback_id).toBe('conversation_send_reply_view');
  });

  it('keeps the library from someone outside the team', async () => {
    await typeCommand(h, { userId: 'U0PAT', text: 'replies', responseUrl: respond.url });
    await denied();
    await waitForSettled(h);
    expect(h.slack.calls('views.open')).toEqual([]);
  });

  it("sends nothing for a forged submission of the picker or the suggestion's editor from someone outside the team", async () => {
    const { c, suggestionId } = await offered('Forged drafts go nowhere');
    const text = { reply_text_block: { reply_text: { type: 'plain_text_input', value: 'Hi from outside' } } };
    const modal = (metadata: object) => ({ type: 'modal', callback_id: 'conversation_send_reply_view', id: `V0${suggestionId.slice(0, 6)}`, hash: 'h1', blocks: [], private_metadata: JSON.stringify(metadata) });
    for (const view of [modal({ conversationId: c.id }), modal({ conversationId: c.id, suggestionId })]) {
      const answer = await submitView(h, view, 'U0PAT', text);
      expect(answer).toEqual({ response_action: 'errors', errors: { reply_text_block: expect.stringMatching(/^Only /) } });
    }
    await waitForSettled(h);
    expect(repliesTo(h, c.externalId)).toEqual([]);
    expect(await h.app.db.message.count({ where: { conversationId: c.id, role: 'agent' } })).toBe(0);
    expect(await h.app.db.suggestion.findUniqueOrThrow({ where: { id: suggestionId } })).toMatchObject({ state: 'offered' });
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'waiting', assigneeId: null });
  });

  it('changes nothing in the library for a forged save or delete from someone outside the team', async () => {
    const workspaceId = (await h.app.db.workspace.findFirstOrThrow()).id;
    const kept = await h.app.db.savedReply.create({ data: { workspaceId, title: `Kept ${randomUUID().slice(0, 6)}`, text: 'Still here', updatedBy: 'U0ALICE' } });
    const editor = { type: 'modal', callback_id: 'saved_reply_editor_view', id: 'V0FORGEDEDIT', hash: 'h1', blocks: [], private_metadata: JSON.stringify({ replyId: kept.id }) };
    const answer = await submitView(h, editor, 'U0PAT', {
      saved_reply_title_block: { saved_reply_title: { value: 'Taken over' } },
      saved_reply_text_block: { saved_reply_text: { value: 'Rewritten from outside' } },
    });
    expect(answer).toEqual({ response_action: 'errors', errors: { saved_reply_text_block: expect.stringMatching(/^Only /) } });

    const library = { id: 'V0FORGEDLIB', hash: 'h1', type: 'modal', callback_id: 'saved_replies_view', blocks: [] } as unknown as PublishedHome;
    await pressOnHome(h, library, 'U0PAT', { actionId: 'saved_reply_delete', value: kept.id });
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'U0PAT' && String(call.args.text).startsWith('Only '));
    await waitForSettled(h);
    expect(await h.app.db.savedReply.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ title: kept.title, text: 'Still here' });
    expect(h.slack.calls('views.update')).toEqual([]);
  });
});
