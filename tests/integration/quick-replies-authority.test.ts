import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { openConversation, pressButton, pressForModal, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';

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
});
