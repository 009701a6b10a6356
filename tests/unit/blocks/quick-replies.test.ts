import { buildAgentMessagePost } from '../../../src/slack/blocks/agent-message-post';
import { buildSavedRepliesModal, buildSavedReplyEditor, parseSavedReplyEditor } from '../../../src/slack/blocks/saved-replies-modal';
import { buildSendReplyModal, parseSendReplyMetadata, sentText } from '../../../src/slack/blocks/send-reply-modal';
import { buildSuggestionPost } from '../../../src/slack/blocks/suggestion-post';
import { messageProblems, viewProblems } from '../../helpers/block-kit';

const HOSTILE = '<!channel> <@U0EVE> <https://evil.example|click> & *bold* `x` '.repeat(80);
const ID = '7f3c2a1e-4b5d-4c6e-8f70-1a2b3c4d5e6f';
const CONVERSATION = '0b6f4a8e-1d2c-4e3f-9a5b-6c7d8e9f0a1b';

function noLiveMention(json: string) {
  expect(json).not.toContain('<!channel>');
  expect(json).not.toContain('<@U0EVE>');
  expect(json).not.toContain('<https://evil');
}

describe('the suggestion post', () => {
  it('offers Send and Edit and send while on offer, the AI text escaped', () => {
    const post = buildSuggestionPost({ state: 'offered', id: ID, text: HOSTILE });
    expect(messageProblems(post)).toEqual([]);
    const json = JSON.stringify(post.blocks);
    noLiveMention(json);
    expect(json).toContain('"action_id":"suggestion_send"');
    expect(json).toContain('"action_id":"suggestion_edit"');
    expect(json).toContain(`"value":"${ID}"`);
  });

  it('says who sent it, and that a newer one replaced it, without buttons', () => {
    const sent = buildSuggestionPost({ state: 'sent', id: ID, text: HOSTILE, sentBy: 'U0CAROL' });
    const replaced = buildSuggestionPost({ state: 'replaced', id: ID, text: HOSTILE });
    for (const post of [sent, replaced]) {
      expect(messageProblems(post)).toEqual([]);
      expect(JSON.stringify(post.blocks)).not.toContain('"type":"button"');
      noLiveMention(JSON.stringify(post));
    }
    expect(JSON.stringify(sent.blocks)).toContain('sent by <@U0CAROL>');
    expect(JSON.stringify(replaced.blocks)).toContain('Replaced by a newer suggestion');
  });

  it('names nobody when the sender is not a Slack user id', () => {
    const post = buildSuggestionPost({ state: 'sent', id: ID, text: 'ok', sentBy: '<!here>' });
    expect(JSON.stringify(post)).not.toContain('<!here>');
  });
});

describe('the agent message Handoff posts', () => {
  it('shows the words escaped and who sent them', () => {
    const post = buildAgentMessagePost({ text: HOSTILE, authorId: 'U0CAROL', suggestionId: ID });
    expect(messageProblems(post)).toEqual([]);
    noLiveMention(JSON.stringify(post));
    expect(JSON.stringify(post.blocks)).toContain("The AI's suggested reply, sent by <@U0CAROL>");
  });
});

describe('the saved reply picker', () => {
  const replies = Array.from({ length: 120 }, (_, i) => ({ id: `${ID.slice(0, -3)}${String(i).padStart(3, '0')}`, title: `${HOSTILE.slice(0, 90)} ${i}` }));

  it('offers the team replies and the filled text, within Block Kit limits', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: HOSTILE, replies, pickedId: replies[3]!.id, text: HOSTILE });
    expect(viewProblems(view)).toEqual([]);
    noLiveMention(JSON.stringify(view.blocks.slice(0, 1)));
    expect(parseSendReplyMetadata(view.private_metadata!)).toEqual({ conversationId: CONVERSATION });
    expect(JSON.stringify(view.blocks)).toContain(`"block_id":"reply_text_block:${replies[3]!.id}"`);
  });

  it('offers every reply past the hundred one select holds, in groups of a hundred', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Ada', replies, pickedId: replies[110]!.id, text: '' });
    expect(viewProblems(view)).toEqual([]);
    const select = (view.blocks[1] as { accessory: { option_groups: { options: { value: string }[] }[]; initial_option: { value: string } } }).accessory;
    expect(select.option_groups.map((g) => g.options.length)).toEqual([100, 20]);
    expect(select.option_groups.flatMap((g) => g.options.map((o) => o.value))).toEqual(replies.map((r) => r.id));
    expect(select.initial_option.value).toBe(replies[110]!.id);
  });

  it('shows the picked reply as the customer reads it, the filled-in name escaped', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Eve', replies, pickedId: replies[0]!.id, text: 'Hi {customer.name}', preview: `Hi ${HOSTILE}` });
    expect(viewProblems(view)).toEqual([]);
    const preview = view.blocks.at(-1)!;
    expect(JSON.stringify(preview)).toContain('The customer reads:');
    noLiveMention(JSON.stringify(preview));
  });

  it('says how to add replies when the team has none', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Ada', replies: [], text: '' });
    expect(viewProblems(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('/handoff replies');
  });

  it('says so when the AI draft is longer than the box holds, rather than cutting it off unseen', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Ada', text: 'y'.repeat(3_500), suggestionId: ID });
    expect(viewProblems(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('The draft is 3500 characters and the box holds 3000, so its end is cut off here.');
    const short = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Ada', text: 'y'.repeat(3_000), suggestionId: ID });
    expect(JSON.stringify(short.blocks)).not.toContain(':warning:');
  });

  it('edits the AI suggestion with its id kept for sending', () => {
    const view = buildSendReplyModal({ conversationId: CONVERSATION, customerName: 'Ada', text: HOSTILE, suggestionId: ID });
    expect(viewProblems(view)).toEqual([]);
    expect(view.title).toMatchObject({ text: 'Edit and send' });
    expect(parseSendReplyMetadata(view.private_metadata!)).toEqual({ conversationId: CONVERSATION, suggestionId: ID });
    expect(sentText({ reply_text_block: { reply_text: { value: '  hello  ' } } })).toBe('hello');
  });
});

describe('the saved replies library', () => {
  const replies = Array.from({ length: 60 }, (_, i) => ({ id: `${ID.slice(0, -2)}${String(i).padStart(2, '0')}`, title: HOSTILE.slice(0, 200), text: HOSTILE }));

  it('lists replies with Edit and Delete, escaped, within the modal limits', () => {
    const view = buildSavedRepliesModal(replies);
    expect(viewProblems(view)).toEqual([]);
    noLiveMention(JSON.stringify(view));
    expect(JSON.stringify(view.blocks)).toContain('*15 more* not listed here');
    // Every reply can be found, and the one chosen is listed first, with its Edit and Delete.
    const chosen = buildSavedRepliesModal(replies, replies[55]!.id);
    expect(viewProblems(chosen)).toEqual([]);
    const menu = (chosen.blocks[1] as { accessory: { action_id: string; options: { value: string }[] } }).accessory;
    expect(menu.action_id).toBe('saved_reply_find');
    expect(menu.options.map((o) => o.value)).toEqual(replies.map((r) => r.id));
    expect(JSON.stringify(chosen.blocks[3])).toContain(`"action_id":"saved_reply_delete","value":"${replies[55]!.id}"`);
    expect(viewProblems(buildSavedRepliesModal([]))).toEqual([]);
  });

  it('shows each title in our bold above its text, both as written', () => {
    const view = buildSavedRepliesModal([{ id: ID, title: '*Refund*', text: 'We have _refunded_ you' }]);
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.find((b) => b.type === 'rich_text')).toEqual({
      type: 'rich_text',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'text', text: '*Refund*', style: { bold: true } }] },
        { type: 'rich_text_quote', elements: [{ type: 'text', text: 'We have _refunded_ you' }] },
      ],
    });
  });

  it('refuses a title or text longer than its input holds, naming the field', () => {
    const parsed = parseSavedReplyEditor({
      saved_reply_title_block: { saved_reply_title: { value: 't'.repeat(76) } },
      saved_reply_text_block: { saved_reply_text: { value: 'x'.repeat(3_001) } },
    });
    expect(parsed).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { saved_reply_title_block: 'At most 75 characters.', saved_reply_text_block: 'At most 3000 characters.' } },
    });
  });

  it('edits a reply and refuses an unknown placeholder by name', () => {
    expect(viewProblems(buildSavedReplyEditor(replies[0]))).toEqual([]);
    expect(viewProblems(buildSavedReplyEditor())).toEqual([]);
    const parsed = parseSavedReplyEditor({
      saved_reply_title_block: { saved_reply_title: { value: 'Refund' } },
      saved_reply_text_block: { saved_reply_text: { value: 'Hi {customer.surname}' } },
    });
    expect(parsed).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { saved_reply_text_block: 'Unknown placeholder {customer.surname}. Use {customer.name}, {customer.firstName}, {agent.name}.' } },
    });
  });
});
