import { buildConversationList } from '../../../src/slack/blocks/conversation-list';
import type { LinkedConversation } from '../../../src/services/conversation-lists';
import { messageProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';

const NOW = new Date('2026-12-03T12:00:00Z');
const HEADING = { title: 'Waiting for an agent', empty: 'Nobody is waiting for an agent.' };

function conversation(overrides: Partial<LinkedConversation> = {}): LinkedConversation {
  return {
    id: '6f1c1d4e-0000-4000-8000-000000000001',
    customerName: 'Dana Reyes',
    reason: 'frustration',
    priority: 'high',
    status: 'waiting',
    assigneeId: null,
    tags: [],
    createdAt: new Date('2026-12-03T09:15:00Z'),
    slackChannelId: 'C0ALERTS',
    slackThreadTs: '1700000000.000100',
    permalink: 'https://acme.slack.com/archives/C0ALERTS/p1700000000000100',
    ...overrides,
  };
}

const leaves = (message: { blocks: unknown[] }, row: number) =>
  (message.blocks[row + 1] as { elements: { elements: { type: string; text?: string }[] }[] }).elements[0]!.elements;

describe('a list of conversations', () => {
  it('gives each one a row: who, why, how urgent, how old, who has it, tags and its thread', () => {
    const message = buildConversationList(HEADING, { rows: [conversation({ assigneeId: 'U0ALICE', tags: ['refund'] })], total: 1 }, NOW);
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toBe('Waiting for an agent: 1');
    expect(leaves(message, 0)).toEqual([
      { type: 'text', text: 'Dana Reyes', style: { bold: true } },
      { type: 'text', text: ' · frustration · High priority · 2h 45m old · ' },
      { type: 'text', text: 'with ' },
      { type: 'user', user_id: 'U0ALICE' },
      { type: 'text', text: ' · tags: refund' },
      { type: 'text', text: ' · ' },
      { type: 'link', url: 'https://acme.slack.com/archives/C0ALERTS/p1700000000000100', text: 'Open thread' },
    ]);
  });

  it('says when a conversation is not in Slack yet', () => {
    const message = buildConversationList(HEADING, { rows: [conversation({ slackThreadTs: null, permalink: null })], total: 1 }, NOW);
    expect(leaves(message, 0).at(-1)).toEqual({ type: 'text', text: ' · not in Slack yet' });
  });

  it('stays within Slack\'s limits with the longest, most hostile rows, and says how many more there are', () => {
    const hostile = '<!channel> *bold* <https://evil.example|x> '.repeat(20);
    const rows = Array.from({ length: 10 }, () => conversation({ customerName: hostile, tags: Array.from({ length: 40 }, () => hostile), assigneeId: '<@U0EVIL>' }));
    const message = buildConversationList(HEADING, { rows, total: 250 }, NOW);
    expect(messageProblems(message)).toEqual([]);
    expect(findPings(JSON.stringify(message))).toEqual([]);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('…and 240 more, not shown.');
  });

  it('shows what was searched for as plain text in the header, never in the notification', () => {
    const message = buildConversationList({ title: 'Conversations matching', empty: 'No conversation matches', query: '<!here> *x*' }, { rows: [conversation()], total: 1 }, NOW);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Conversations matching "(!here) *x*": 1', emoji: false } });
    expect(message.text).toBe('Conversations matching: 1');
  });

  it('says so when there is nothing to list', () => {
    expect(buildConversationList(HEADING, { rows: [], total: 0 }, NOW).text).toBe('Nobody is waiting for an agent.');
  });
});
