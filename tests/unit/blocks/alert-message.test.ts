import type { Button } from '@slack/types';
import type { ConversationSnapshot, Status, TranscriptLine } from '../../../src/domain/conversation';
import { STATUSES } from '../../../src/domain/conversation';
import { buildAlertMessage } from '../../../src/slack/blocks/alert-message';
import { ACTIONS, BLOCKS } from '../../../src/slack/ids';
import { messageProblems } from '../../helpers/block-kit';
import { blockTexts } from '../../helpers/block-text';

const NOW = new Date('2026-03-01T12:00:00Z');
const AGENT = 'U0AGENT42';
const HOSTILE = ['<!channel>', '<@U123>', '<https://evil.example|click>', 'R&D'] as const;
// Each as shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = {
  '<!channel>': '(!channel)',
  '<@U123>': '(@U123)',
  '<https://evil.example|click>': '(https://evil.example|click)',
  'R&D': 'R&D',
} as const;
const NOTIFIED = { ...SHOWN, 'R&D': 'R&amp;D' } as const;

function conversation(overrides: Partial<ConversationSnapshot> = {}): ConversationSnapshot {
  return {
    id: '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f',
    externalId: 'conv-981',
    status: 'waiting',
    priority: 'urgent',
    reason: 'frustration',
    assigneeId: null,
    tags: [],
    summary: 'Customer was charged twice for order #1042 and wants a refund.',
    scores: { frustration: 0.92, sentiment: -0.7 },
    customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+44 20 7946 0000' },
    channelType: 'whatsapp',
    channelName: 'Support line',
    link: 'https://platform.example/conversations/conv-981',
    metadata: { plan: 'pro', orderId: 1042, vip: true },
    replyWindowEndsAt: null,
    alertCount: 1,
    mentionUserGroup: null,
    ratingScore: null,
    recentLines: [
      { role: 'customer', text: 'I was charged twice!' },
      { role: 'ai', text: 'I am sorry to hear that. Let me check.' },
    ],
    ...overrides,
  };
}

// Customer, AI and agent taking turns.
function transcript(length: number, text: (i: number) => string): TranscriptLine[] {
  const turns = ['customer', 'ai', 'agent'] as const;
  return Array.from({ length }, (_, i) => ({ role: turns[i % 3] ?? 'customer', text: text(i) }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Every string Slack parses as mrkdwn: the notification text and each mrkdwn text object.
function mrkdwnTexts(message: { text: string; blocks: unknown }): string[] {
  const texts = [message.text];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (node.type === 'mrkdwn' && typeof node.text === 'string') texts.push(node.text);
      Object.values(node).forEach(visit);
    }
  };
  visit(message.blocks as Json);
  return texts;
}

// Text Slack shows literally: plain_text objects and rich-text leaves.
function literalTexts(blocks: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (node.type !== 'mrkdwn' && typeof node.text === 'string') texts.push(node.text);
      Object.values(node).forEach(visit);
    }
  };
  visit(blocks as Json);
  return texts;
}

function buttonsOf(message: ReturnType<typeof buildAlertMessage>) {
  const actions = message.blocks.find((b) => b.type === 'actions');
  if (actions?.type !== 'actions') throw new Error('no actions block');
  return actions.elements.map((e) => {
    if (e.type === 'button') return { action: e.action_id, value: e.value, label: e.text.text, style: e.style };
    if (e.type === 'overflow') return { action: e.action_id, menu: e.options.map((o) => [o.text.text, o.value]) };
    return e;
  });
}

// The notification and what the blocks read.
const allText = (message: ReturnType<typeof buildAlertMessage>): string => [message.text, ...blockTexts(message.blocks)].join('\n');

describe('buildAlertMessage', () => {
  it.each(STATUSES)('renders a valid Block Kit message when the conversation is %s', (status) => {
    const message = buildAlertMessage(conversation({ status, assigneeId: status === 'human' ? AGENT : null }), NOW);
    expect(messageProblems(message)).toEqual([]);
  });

  it('puts the reason emoji and the customer name in the header', () => {
    const header = buildAlertMessage(conversation(), NOW).blocks[0];
    // Plain text without emoji codes, so a customer's ":rage:" stays as typed: the reason's emoji is a character.
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: '😡 Jane Doe', emoji: false } });
  });

  it.each([
    ['frustration', '😡'],
    ['human_request', '🙋'],
    ['high_value', '💰'],
    ['other', '🔔'],
  ] as const)('gives the %s reason its own emoji', (reason, emoji) => {
    const message = buildAlertMessage(conversation({ reason }), NOW);
    expect(literalTexts(message.blocks)[0]).toBe(`${emoji} Jane Doe`);
  });

  it('says in the notification who needs a human, why and how urgently', () => {
    expect(buildAlertMessage(conversation(), NOW).text).toBe('Handoff: Jane Doe needs a human (frustration, urgent)');
  });

  it('marks urgent and high priority visibly, and leaves normal priority quiet', () => {
    expect(allText(buildAlertMessage(conversation({ priority: 'urgent' }), NOW))).toContain(':rotating_light: *Urgent*');
    expect(allText(buildAlertMessage(conversation({ priority: 'high' }), NOW))).toContain(':red_circle: *High priority*');
    const normal = allText(buildAlertMessage(conversation({ priority: 'normal' }), NOW));
    expect(normal).toContain('Normal priority');
    expect(normal).not.toMatch(/:rotating_light:|:red_circle:/);
  });

  it('shows the customer, the channel, the scores, the summary and the metadata', () => {
    const text = allText(buildAlertMessage(conversation(), NOW));
    for (const expected of [
      'Jane Doe',
      'jane@example.com',
      '+44 20 7946 0000',
      'WhatsApp · Support line',
      'frustration 0.92 · sentiment -0.7',
      'Customer was charged twice for order #1042 and wants a refund.',
      'plan: pro · orderId: 1042 · vip: true',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('labels the last transcript lines by role and shows at most five', () => {
    const text = allText(buildAlertMessage(conversation({ recentLines: transcript(8, (i) => `line ${i}`) }), NOW));
    expect(text).not.toContain('line 2');
    expect(text).toContain(':technologist: Agent: line 5');
    expect(text).toContain(':bust_in_silhouette: Customer: line 6');
    expect(text).toContain(':robot_face: AI: line 7');
  });

  it('counts repeated alerts', () => {
    expect(allText(buildAlertMessage(conversation({ alertCount: 3 }), NOW))).toContain('3 alerts');
    expect(allText(buildAlertMessage(conversation({ alertCount: 1 }), NOW))).not.toMatch(/\d alerts?/);
  });

  it('shows how long the reply window has left, and when it has closed', () => {
    const at = (ms: number) => allText(buildAlertMessage(conversation({ replyWindowEndsAt: new Date(NOW.getTime() + ms) }), NOW));
    expect(at((3 * 60 + 12) * 60_000 + 30_000)).toContain('Reply window: 3h 12m left');
    expect(at(26 * 3_600_000)).toContain('Reply window: 1d 2h left');
    expect(at(45 * 60_000)).toContain('Reply window: 45m left');
    expect(at(20_000)).toContain('Reply window: under 1m left');
    expect(at(0)).toContain('Reply window closed');
    expect(at(-60_000)).toContain('Reply window closed');
    expect(allText(buildAlertMessage(conversation({ replyWindowEndsAt: null }), NOW))).not.toContain('Reply window');
  });

  it('shows tags when there are some', () => {
    expect(allText(buildAlertMessage(conversation({ tags: ['refund', 'vip'] }), NOW))).toContain(':label: refund · vip');
    expect(allText(buildAlertMessage(conversation({ tags: [] }), NOW))).not.toContain(':label:');
  });

  describe('status line', () => {
    const statusText = (status: Status, assigneeId: string | null = null) =>
      mrkdwnTexts(buildAlertMessage(conversation({ status, assigneeId }), NOW))[1];

    it('reads like the product for every status', () => {
      expect(statusText('waiting')).toBe(':hourglass_flowing_sand: Waiting for an agent');
      expect(statusText('human', AGENT)).toBe(`:technologist: Taken by <@${AGENT}>`);
      expect(statusText('ai')).toBe(':robot_face: Back with the AI');
      expect(statusText('closed')).toBe(':white_check_mark: Closed');
    });

    it('never mentions an assignee that is not shaped like a Slack user id', () => {
      expect(statusText('human', '<!channel>')).toBe(':technologist: Taken by an agent');
      expect(statusText('human', 'U1>|<!here')).toBe(':technologist: Taken by an agent');
      expect(statusText('human', null)).toBe(':technologist: Taken by an agent');
    });

    it('calls the user group a routing rule named while the conversation waits, in the notification too', () => {
      const routed = buildAlertMessage(conversation({ mentionUserGroup: 'S0SALESONCALL' }), NOW);
      expect(mrkdwnTexts(routed)[1]).toBe(':hourglass_flowing_sand: Waiting for an agent · <!subteam^S0SALESONCALL>');
      expect(routed.text).toMatch(/ <!subteam\^S0SALESONCALL>$/);
      const taken = buildAlertMessage(conversation({ mentionUserGroup: 'S0SALESONCALL', status: 'human', assigneeId: AGENT }), NOW);
      expect(JSON.stringify(taken)).not.toContain('subteam');
    });

    it('never calls a user group whose stored id is not shaped like one', () => {
      const message = buildAlertMessage(conversation({ mentionUserGroup: 'S1>|<!channel' }), NOW);
      expect(mrkdwnTexts(message)[1]).toBe(':hourglass_flowing_sand: Waiting for an agent');
      expect(JSON.stringify(message)).not.toContain('subteam');
    });
  });

  describe('platform link', () => {
    const links = (link: string | null) => (JSON.stringify(buildAlertMessage(conversation({ link }), NOW).blocks).match(/\{"type":"link"[^}]*\}/g) ?? []).join('\n');

    it('links to the conversation on the platform', () => {
      expect(links('https://platform.example/c/1?a=1&b=2')).toContain('"url":"https://platform.example/c/1?a=1&b=2"');
    });

    it.each(['javascript:alert(1)', 'slack://channel?id=C1', 'not a link', null])('offers no link for %p', (link) => {
      expect(links(link)).toBe('');
    });
  });

  describe('buttons', () => {
    const actionsFor = (status: Status) => buttonsOf(buildAlertMessage(conversation({ status }), NOW)).map((b) => 'action' in b && b.action);

    it('offers everything while waiting for an agent', () => {
      expect(actionsFor('waiting')).toEqual([ACTIONS.takeOver, ACTIONS.assign, ACTIONS.tag, ACTIONS.savedReply, ACTIONS.close, ACTIONS.restore, ACTIONS.handBack]);
    });

    it('keeps Take over while an agent holds it, so a colleague can take it from them', () => {
      expect(actionsFor('human')).toEqual([ACTIONS.takeOver, ACTIONS.assign, ACTIONS.tag, ACTIONS.savedReply, ACTIONS.close, ACTIONS.restore, ACTIONS.handBack]);
    });

    it('has no Restore to AI while the AI already has it', () => {
      expect(actionsFor('ai')).toEqual([ACTIONS.takeOver, ACTIONS.assign, ACTIONS.tag, ACTIONS.savedReply, ACTIONS.close, ACTIONS.handBack]);
    });

    it('offers only Reopen once closed', () => {
      expect(actionsFor('closed')).toEqual([ACTIONS.reopen]);
    });

    it.each(['waiting', 'human', 'ai'] as const)('asks for confirmation before Close, and for no other button, when the conversation is %s', (status) => {
      const actions = buildAlertMessage(conversation({ status }), NOW).blocks.find((b) => b.type === 'actions');
      const buttons = actions?.type === 'actions' ? actions.elements.filter((e): e is Button => e.type === 'button') : [];
      expect(buttons.find((b) => b.action_id === ACTIONS.close)?.confirm).toEqual({
        title: { type: 'plain_text', text: 'Close this conversation?' },
        text: { type: 'plain_text', text: "The AI will answer the customer's next message." },
        confirm: { type: 'plain_text', text: 'Close' },
        deny: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
      });
      expect(buttons.filter((b) => b.confirm).map((b) => b.action_id)).toEqual([ACTIONS.close]);
    });

    it('carries the conversation id, readable labels and the right emphasis', () => {
      const c = conversation();
      const message = buildAlertMessage(c, NOW);
      expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', block_id: BLOCKS.actions });
      expect(buttonsOf(message)).toEqual([
        { action: 'conversation_take_over', value: c.id, label: 'Take over', style: 'primary' },
        { action: 'conversation_assign', value: c.id, label: 'Assign', style: undefined },
        { action: 'conversation_tag', value: c.id, label: 'Tag', style: undefined },
        { action: 'conversation_saved_reply', value: c.id, label: 'Saved reply', style: undefined },
        { action: 'conversation_close', value: c.id, label: 'Close', style: 'danger' },
        { action: 'conversation_restore', value: c.id, label: 'Restore to AI', style: undefined },
        {
          action: 'conversation_hand_back',
          menu: [
            ['Close with a note for the AI…', `close:${c.id}`],
            ['Restore to AI with a note…', `restore:${c.id}`],
          ],
        },
      ]);
    });

    it('shows the customer rating as stars, and nothing before there is one', () => {
      const rated = buildAlertMessage(conversation({ status: 'closed', ratingScore: 4 }), NOW);
      expect(mrkdwnTexts(rated)).toContain(':star: Customer rating ★★★★☆ 4/5');
      expect(messageProblems(rated)).toEqual([]);
      expect(allText(buildAlertMessage(conversation({ status: 'closed' }), NOW))).not.toContain('Customer rating');
    });

    it('offers only closing with a note while the AI has the conversation', () => {
      const c = conversation({ status: 'ai' });
      expect(buttonsOf(buildAlertMessage(c, NOW)).at(-1)).toEqual({ action: 'conversation_hand_back', menu: [['Close with a note for the AI…', `close:${c.id}`]] });
    });
  });

  describe('untrusted text', () => {
    const fields: [string, (text: string) => Partial<ConversationSnapshot>][] = [
      ['customer name', (text) => ({ customer: { name: text } })],
      ['customer email', (text) => ({ customer: { name: 'Jane', email: text } })],
      ['customer phone', (text) => ({ customer: { name: 'Jane', phone: text } })],
      ['channel name', (text) => ({ channelName: text })],
      ['summary', (text) => ({ summary: text })],
      ['customer line', (text) => ({ recentLines: [{ role: 'customer', text }] })],
      ['AI line', (text) => ({ recentLines: [{ role: 'ai', text }] })],
      ['metadata key', (text) => ({ metadata: { [text]: 'x' } })],
      ['metadata value', (text) => ({ metadata: { note: text } })],
      ['score name', (text) => ({ scores: { [text]: 0.5 } })],
      ['tag', (text) => ({ tags: [text] })],
    ];
    const cases = fields.flatMap(([field, place]) => HOSTILE.map((text) => [field, text, place] as const));

    it.each(cases)('shows a %s of %p literally, never in mrkdwn', (_, text, place) => {
      const message = buildAlertMessage(conversation({ status: 'human', assigneeId: AGENT, ...place(`hi ${text}`) }), NOW);
      expect(literalTexts(message.blocks).join('\n')).toContain(`hi ${SHOWN[text]}`);
      const [notification, ...blocks] = mrkdwnTexts(message);
      expect(blocks.join('\n')).not.toContain('hi ');
      // The only markup left is the mention we built ourselves, and every & starts an entity.
      expect([notification, ...blocks].join('\n').replaceAll(`<@${AGENT}>`, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
      expect(messageProblems(message)).toEqual([]);
    });

    it('shows a hostile name in the plain-text header with its angle brackets made harmless', () => {
      const name = HOSTILE.join(' ');
      const message = buildAlertMessage(conversation({ customer: { name } }), NOW);
      expect(literalTexts(message.blocks)[0]).toBe('😡 (!channel) (@U123) (https://evil.example|click) R&D');
      expect(literalTexts(message.blocks)).toContain('Take over');
      expect(message.text).toBe(`Handoff: ${HOSTILE.map((t) => NOTIFIED[t]).join(' ')} needs a human (frustration, urgent)`);
    });

    it('turns off auto-linking on every mrkdwn object', () => {
      const json = JSON.stringify(buildAlertMessage(conversation(), NOW).blocks);
      const mrkdwnObjects = json.match(/\{"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":true\}/g) ?? [];
      expect(mrkdwnObjects.length).toBe(json.split('"type":"mrkdwn"').length - 1);
      expect(mrkdwnObjects.length).toBeGreaterThan(0);
    });
  });

  describe('huge inputs', () => {
    const quotes = '"\\\n'.repeat(40_000);
    const entities = '&'.repeat(100_000);
    const emoji = '😀'.repeat(50_000);

    it.each([
      ['quotes and line breaks (which JSON doubles)', quotes],
      ['ampersands (which escaping quintuples)', entities],
      ['emoji (surrogate pairs at every cut point)', emoji],
      ['control characters (which JSON writes as six)', '\u0001'.repeat(100_000)],
    ])('stays within Slack limits when every field is full of %s', (_, filler) => {
      const many = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (__, i) => [`${prefix}${i}${filler}`, filler]));
      const c = conversation({
        status: 'human',
        assigneeId: AGENT,
        customer: { name: filler, email: filler, phone: filler },
        channelName: filler,
        summary: filler,
        recentLines: transcript(500, () => filler),
        metadata: many(200, 'key'),
        scores: Object.fromEntries(Object.keys(many(200, 'score')).map((k) => [k, 0.5])),
        tags: Array.from({ length: 200 }, () => filler),
        link: `https://platform.example/${'a'.repeat(950)}`,
        replyWindowEndsAt: new Date(NOW.getTime() + 3_600_000),
        alertCount: 99,
        ratingScore: 5,
        customerContext: { earlierConversations: 9_999, lastEarlierAt: NOW, tags: Array.from({ length: 200 }, () => filler), newestNote: filler },
      });
      const message = buildAlertMessage(c, NOW);
      expect(messageProblems(message)).toEqual([]);
      expect(message.blocks.map((b) => b.type)).toContain('rich_text');
      expect(JSON.stringify(message.blocks)).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
      expect(allText(message)).toContain('+190 more');
    });

    it('shows a summary of 100 KB clipped with an ellipsis', () => {
      const message = buildAlertMessage(conversation({ summary: 'word '.repeat(20_000) }), NOW);
      const summary = blockTexts(message.blocks).find((t) => t.startsWith('Summary\n'));
      expect(summary).toMatch(/^Summary\n(word )+wor?d?…$/);
      expect(summary!.length).toBeGreaterThan(700);
      expect(messageProblems(message)).toEqual([]);
    });
  });

  it('calls a customer with no name by their email, or says it does not know them', () => {
    expect(buildAlertMessage(conversation({ customer: { email: 'x@example.com' } }), NOW).text).toContain('x@example.com needs a human');
    const unknown = buildAlertMessage(conversation({ customer: {} }), NOW);
    expect(unknown.text).toContain('Unknown customer needs a human');
    expect(messageProblems(unknown)).toEqual([]);
  });

  it('leaves out what the conversation does not have, and stays valid', () => {
    const bare = conversation({ summary: null, scores: {}, metadata: {}, recentLines: [], channelName: null, link: null, tags: [] });
    const message = buildAlertMessage(bare, NOW);
    expect(messageProblems(message)).toEqual([]);
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'rich_text', 'actions']);
  });
});

describe('the customer at a glance', () => {
  const context = { earlierConversations: 2, lastEarlierAt: new Date('2025-11-12T15:00:00Z'), tags: ['VIP', 'frequent buyer'], newestNote: 'Prefers text messages over calls' };
  const actionIds = (message: ReturnType<typeof buildAlertMessage>) =>
    message.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]).map((e) => e.action_id) : []));

  it('tells how many earlier conversations there were and when the last was, the customer tags and the newest note', () => {
    const message = buildAlertMessage(conversation({ customerContext: context }), NOW);
    expect(messageProblems(message)).toEqual([]);
    const text = allText(message);
    expect(text).toContain(':bust_in_silhouette: 2 earlier conversations, last on 12 Nov 2025 · :star: VIP · frequent buyer');
    expect(text).toContain(':memo: Prefers text messages over calls');
    expect(actionIds(message)).toContain(ACTIONS.customer);
  });

  it('says so on a first conversation, and shows no note or tags the customer does not have', () => {
    const message = buildAlertMessage(conversation({ customerContext: { earlierConversations: 0, lastEarlierAt: null, tags: [], newestNote: null } }), NOW);
    const text = allText(message);
    expect(text).toContain(':bust_in_silhouette: First conversation');
    expect(text).not.toContain(':memo:');
    expect(text).not.toContain(':star:');
  });

  it('offers the profile on a closed conversation too, and no profile without a customer record', () => {
    expect(actionIds(buildAlertMessage(conversation({ status: 'closed', customerContext: context }), NOW))).toEqual([ACTIONS.reopen, ACTIONS.customer]);
    expect(actionIds(buildAlertMessage(conversation(), NOW))).not.toContain(ACTIONS.customer);
  });

  it('escapes and shortens the note and the tags, and stays within the limits when they are huge', () => {
    const hostile = `${HOSTILE.join(' ')} `.repeat(2_000);
    const message = buildAlertMessage(
      conversation({ customerContext: { ...context, tags: Array.from({ length: 200 }, () => hostile), newestNote: hostile } }),
      NOW,
    );
    expect(messageProblems(message)).toEqual([]);
    const note = blockTexts(message.blocks).find((t) => t.includes(':memo:'))!.split(':memo: ')[1]!;
    expect(note.length).toBeLessThan(400);
    expect(note).toContain(SHOWN['<!channel>']);
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});
