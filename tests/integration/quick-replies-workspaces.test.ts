import { randomUUID } from 'node:crypto';
import type { Harness } from '../helpers/harness';
import { ALPHA, ALPHA_CHANNEL, BRAVO, BRAVO_CHANNEL, useAlphaAndBravo } from '../helpers/many-workspaces';
import { repliesTo } from '../helpers/relayed';
import { waitForSettled } from '../helpers/settle';
import { pressOnHome, type PublishedHome } from '../helpers/slack-home';
import { openConversation, pressButton, submitView, waitUntil } from '../helpers/slack-user';

// Two workspaces on one Handoff: a Bravo member who knows the ids of Alpha's conversation, suggestion and saved
// reply reaches none of them, since the workspace comes from the request, never from what it names.
const BRAVO_MEMBER = 'U0BRAVOMEMBER';

let h: Harness;
const respond = useAlphaAndBravo((started) => (h = started));

it("sends and changes nothing of Alpha's for Bravo's member: the picker's and editor's submissions, Send, Delete and the pick", async () => {
  const c = await openConversation(h, { account: 'acct-alpha', suggestedReply: 'Alpha only' }, ALPHA_CHANNEL);
  await waitUntil(async () => (await h.app.db.suggestion.count({ where: { conversationId: c.id } })) === 1);
  const suggestion = await h.app.db.suggestion.findFirstOrThrow({ where: { conversationId: c.id } });
  const alpha = await h.app.db.workspace.findUniqueOrThrow({ where: { slackTeamId: ALPHA.id } });
  const reply = await h.app.db.savedReply.create({ data: { workspaceId: alpha.id, title: `Alpha ${randomUUID().slice(0, 6)}`, text: 'Alpha secret', updatedBy: 'U0ALPHA' } });

  const text = { reply_text_block: { reply_text: { type: 'plain_text_input', value: 'From Bravo' } } };
  const modal = (metadata: object) => ({ type: 'modal', callback_id: 'conversation_send_reply_view', id: `V0${randomUUID().slice(0, 8)}`, hash: 'h1', blocks: [], private_metadata: JSON.stringify(metadata) });
  for (const view of [modal({ conversationId: c.id }), modal({ conversationId: c.id, suggestionId: suggestion.id })]) {
    const answer = await submitView(h, view, BRAVO_MEMBER, text, BRAVO.id);
    expect(answer).toEqual({ response_action: 'errors', errors: { reply_text_block: 'This conversation is no longer in Handoff.' } });
  }
  await pressButton(h, { actionId: 'suggestion_send', value: suggestion.id, userId: BRAVO_MEMBER, rootTs: c.rootTs, responseUrl: respond.url, teamId: BRAVO.id, channel: BRAVO_CHANNEL });
  await respond.waitFor((a) => String((a as { text?: string }).text).includes('no longer in Handoff'));

  const library = { id: 'V0BRAVOLIB', hash: 'h1', type: 'modal', callback_id: 'saved_replies_view', blocks: [] } as unknown as PublishedHome;
  await pressOnHome(h, library, BRAVO_MEMBER, { actionId: 'saved_reply_delete', value: reply.id }, BRAVO.id);
  const picker = { id: 'V0BRAVOPICK', hash: 'h1', type: 'modal', callback_id: 'conversation_send_reply_view', blocks: [], private_metadata: JSON.stringify({ conversationId: c.id }) } as unknown as PublishedHome;
  await pressOnHome(h, picker, BRAVO_MEMBER, { actionId: 'saved_reply_pick', selected: reply.id }, BRAVO.id);
  await waitForSettled(h);

  expect(repliesTo(h, c.externalId)).toEqual([]);
  expect(await h.app.db.message.count({ where: { conversationId: c.id, role: 'agent' } })).toBe(0);
  expect(await h.app.db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } })).toMatchObject({ state: 'offered', sentBy: null });
  expect(await h.app.db.savedReply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ text: 'Alpha secret' });
  // Nothing of Alpha's library is shown in Bravo.
  expect(JSON.stringify(h.slack.calls('views.update'))).not.toContain('Alpha secret');
});
