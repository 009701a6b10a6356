import { toPageEvent } from '../../../src/playground/page-events';

const webhook = (type: string, data: Record<string, unknown>) => ({ type, conversationId: 'play_1', data });
const actor = { id: 'U0SAM', name: 'Sam Agent' };
const change = (status: string) => ({ actor, status, assigneeId: 'U0SAM', tags: ['billing'], priority: 'normal', note: null });

describe('what the playground page is told about a webhook', () => {
  it("shows an agent's reply with the agent's name and the files' links", () => {
    const event = toPageEvent(
      webhook('agent.message', {
        messageId: '1800000001.000300',
        text: 'Refunded!',
        agent: { ...actor, avatarUrl: null },
        attachments: [{ id: 'F1', name: 'refund.pdf', url: 'https://handoff.example.com/api/v1/files/F1?expires=1&sig=x' }, { id: 'F2', url: 'https://handoff.example.com/api/v1/files/F2' }],
      }),
    );
    expect(event).toEqual({
      kind: 'reply',
      messageId: '1800000001.000300',
      text: 'Refunded!',
      agent: 'Sam Agent',
      files: [
        { name: 'refund.pdf', url: 'https://handoff.example.com/api/v1/files/F1?expires=1&sig=x' },
        { name: 'F2', url: 'https://handoff.example.com/api/v1/files/F2' },
      ],
    });
  });

  it('drops links that are not http(s), so a page can never be handed a javascript: URL', () => {
    const event = toPageEvent(webhook('agent.message', { messageId: 'm', text: 'x', agent: actor, attachments: [{ id: 'F1', url: 'javascript:alert(1)' }] }));
    expect(event).toMatchObject({ kind: 'reply', files: [] });
  });

  it('follows edits and deletions of a reply', () => {
    expect(toPageEvent(webhook('agent.message_updated', { messageId: 'm', text: 'Refunded today', agent: actor, attachments: [] }))).toMatchObject({ kind: 'reply_edited', text: 'Refunded today' });
    expect(toPageEvent(webhook('agent.message_deleted', { messageId: 'm', agent: actor }))).toEqual({ kind: 'reply_deleted', messageId: 'm' });
  });

  it('names who changed the conversation and where it stands now', () => {
    expect(toPageEvent(webhook('conversation.taken_over', change('human')))).toEqual({ kind: 'change', change: 'taken_over', status: 'human', actor: 'Sam Agent', tags: ['billing'], note: null });
    expect(toPageEvent(webhook('conversation.closed', change('closed')))).toMatchObject({ change: 'closed', status: 'closed' });
    expect(toPageEvent(webhook('conversation.restored', change('ai')))).toMatchObject({ change: 'restored', status: 'ai' });
  });

  it("passes on the agent's note for the bot with a hand-back", () => {
    const note = "Refund issued, don't offer another";
    expect(toPageEvent(webhook('conversation.closed', { ...change('closed'), note }))).toMatchObject({ change: 'closed', note });
    expect(toPageEvent(webhook('conversation.restored', { ...change('ai'), note: 42 }))).toMatchObject({ change: 'restored', note: null });
  });

  it('shows nothing for an event it does not know or cannot read', () => {
    expect(toPageEvent(webhook('conversation.archived', change('closed')))).toBeNull();
    expect(toPageEvent(webhook('conversation.closed', { status: 'gone' }))).toBeNull();
    expect(toPageEvent(webhook('agent.message', { text: 'no id' }))).toBeNull();
  });
});
