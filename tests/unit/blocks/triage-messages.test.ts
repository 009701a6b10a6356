import type { Button, KnownBlock } from '@slack/types';
import type { PersonCommand } from '../../../src/domain/authority';
import { PRIORITIES } from '../../../src/domain/conversation';
import type { Refusal, RefusalCode } from '../../../src/domain/transitions';
import {
  buildAssignedDM,
  buildAuthorityDenied,
  buildDeclined,
  buildRefusal,
  buildTakenFromDM,
  buildTryAgain,
  type SlackMessage,
} from '../../../src/slack/blocks/triage-messages';
import { ACTIONS } from '../../../src/slack/ids';
import { messageProblems } from '../../helpers/block-kit';
import { visibleText } from '../../helpers/block-text';

const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const LEAD = 'U0LEAD';
const HOLDER = 'U0HOLDER';
const PERMALINK = 'https://acme.slack.com/archives/C0ALERTS/p1700000000000100?thread_ts=1700000000.000100&cid=C0ALERTS';
const HOSTILE = '<!channel> & <@U123> <https://evil.example|click>';
// As shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = '(!channel) & (@U123) (https://evil.example|click)';
const NOTIFIED = '(!channel) &amp; (@U123) (https://evil.example|click)';

const COMMAND_TYPES: PersonCommand['type'][] = ['take_over', 'reply', 'assign', 'tag', 'close', 'reopen', 'restore'];
const refusalOf = (refused: RefusalCode): Refusal => (refused === 'held_by_other' ? { refused, holderId: HOLDER } : { refused });
const REFUSALS = (
  ['already_yours', 'held_by_other', 'closed', 'already_closed', 'already_open', 'already_with_ai', 'no_change'] satisfies RefusalCode[]
).map(refusalOf);

// Everything Slack reads as mrkdwn (or shows as the notification), which is where markup could sneak in.
function mrkdwn(message: SlackMessage): string {
  const texts = [message.text];
  JSON.stringify(message.blocks, (key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'mrkdwn') texts.push((value as { text: string }).text);
    return value;
  });
  return texts.join('\n');
}

function buttons(message: SlackMessage): Button[] {
  return message.blocks.flatMap((b: KnownBlock) => (b.type === 'actions' ? b.elements.filter((e): e is Button => e.type === 'button') : []));
}

function links(message: SlackMessage): { url: string; text?: string }[] {
  return message.blocks.flatMap((b) =>
    b.type === 'rich_text' ? b.elements.flatMap((e) => ('elements' in e ? e.elements.filter((l) => l.type === 'link') : [])) : [],
  ) as { url: string; text?: string }[];
}

describe('buildRefusal', () => {
  const everything = REFUSALS.flatMap((refusal) => COMMAND_TYPES.map((command) => [refusal.refused, command, refusal] as const));

  it.each(everything)('explains %s after a %s in a valid message', (_, command, refusal) => {
    const message = buildRefusal(refusal, { conversationId: CONVERSATION_ID, command });
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toMatch(/^[A-Z<].+\.$/);
  });

  it.each<[RefusalCode, PersonCommand['type'], string]>([
    ['already_yours', 'take_over', 'You already have this conversation.'],
    ['closed', 'assign', 'This conversation is closed. Reopen it first.'],
    ['already_closed', 'close', 'This conversation is already closed.'],
    ['already_open', 'reopen', 'This conversation is not closed, so there is nothing to reopen.'],
    ['already_with_ai', 'restore', 'The AI already has this conversation.'],
    ['no_change', 'assign', 'Nothing changed: the conversation is already assigned that way.'],
    ['no_change', 'tag', 'Nothing changed: the conversation already has those tags.'],
    ['held_by_other', 'take_over', '<@U0HOLDER> already has this conversation.'],
    ['held_by_other', 'reply', '<@U0HOLDER> is handling this conversation, so your reply did not take it over.'],
  ])('says in plain words why %s stopped a %s', (code, command, text) => {
    const message = buildRefusal(refusalOf(code), { conversationId: CONVERSATION_ID, command });
    expect(message.text).toBe(text);
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
  });

  it('offers to take the conversation over from its holder, after Slack asks for confirmation', () => {
    const message = buildRefusal({ refused: 'held_by_other', holderId: HOLDER }, { conversationId: CONVERSATION_ID, command: 'take_over' });
    expect(buttons(message)).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Take over from them' },
        action_id: 'conversation_take_over_confirmed',
        value: CONVERSATION_ID,
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: 'Take over from a colleague?' },
          text: { type: 'mrkdwn', text: '<@U0HOLDER> will be told that you took the conversation over.', verbatim: true },
          confirm: { type: 'plain_text', text: 'Take over' },
          deny: { type: 'plain_text', text: 'Cancel' },
          style: 'danger',
        },
      },
    ]);
    expect(ACTIONS.takeOverConfirmed).toBe('conversation_take_over_confirmed');
  });

  it.each(COMMAND_TYPES.filter((c) => c !== 'take_over'))('offers no button after a %s', (command) => {
    for (const refusal of REFUSALS) expect(buttons(buildRefusal(refusal, { conversationId: CONVERSATION_ID, command }))).toEqual([]);
  });

  it.each([undefined, '<!channel>', 'U1>|<!here'])('calls a holder with id %p "a colleague", never raw markup', (holderId) => {
    const message = buildRefusal({ refused: 'held_by_other', ...(holderId && { holderId }) }, { conversationId: CONVERSATION_ID, command: 'take_over' });
    expect(message.text).toBe('A colleague already has this conversation.');
    expect(mrkdwn(message)).not.toMatch(/[<>]/);
    expect(messageProblems(message)).toEqual([]);
  });
});

describe('buildAuthorityDenied', () => {
  it('tells the person why, with a lock', () => {
    const reason = 'Only supervisors can assign conversations to others. Ask someone in @support-leads.';
    const message = buildAuthorityDenied(reason);
    expect(message.text).toBe(reason);
    expect(message.blocks).toEqual([
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'emoji', name: 'lock' }, { type: 'text', text: ` ${reason}` }] }] },
    ]);
    expect(messageProblems(message)).toEqual([]);
  });

  it('shows the reason literally, since it names a group handle from settings', () => {
    const message = buildAuthorityDenied(`Ask someone in @${HOSTILE}.`);
    expect(visibleText(message.blocks)).toContain(`@${SHOWN}.`);
    expect(message.text).toContain(`@${NOTIFIED}.`);
    expect(mrkdwn(message)).not.toContain('<!channel>');
  });
});

describe('buildDeclined', () => {
  const ctx = { conversationId: CONVERSATION_ID, command: 'take_over' as const };

  it('answers a refusal as buildRefusal does, offer to take over included', () => {
    expect(buildDeclined({ refusal: refusalOf('held_by_other') }, ctx)).toEqual(buildRefusal(refusalOf('held_by_other'), ctx));
  });

  it('answers a denial as buildAuthorityDenied does', () => {
    const reason = 'Only supervisors can take over a conversation a colleague is handling. Ask a supervisor.';
    expect(buildDeclined({ denied: reason }, ctx)).toEqual(buildAuthorityDenied(reason));
  });
});

describe('buildTryAgain', () => {
  it('asks for another try in a valid message', () => {
    const message = buildTryAgain();
    expect(message.text).toBe('Handoff could not finish that just now. Try again in a moment.');
    expect(messageProblems(message)).toEqual([]);
  });
});

describe('buildAssignedDM', () => {
  const dm = (overrides: Partial<Parameters<typeof buildAssignedDM>[0]> = {}) =>
    buildAssignedDM({ actorId: LEAD, conversationPermalink: PERMALINK, customerName: 'Jane Doe', note: 'She was charged twice.', priority: 'urgent', ...overrides });

  it.each(PRIORITIES)('is a valid message at %s priority', (priority) => {
    expect(messageProblems(dm({ priority }))).toEqual([]);
  });

  it('says who assigned which customer, how urgent it is, and their note', () => {
    const message = dm();
    expect(message.text).toBe('<@U0LEAD> assigned you the conversation with Jane Doe (urgent priority)');
    expect(visibleText(message.blocks)).toContain('<@U0LEAD> assigned you the conversation with Jane Doe.\nPriority: Urgent');
    expect(visibleText(message.blocks)).toContain('Note\nShe was charged twice.');
  });

  it("puts the customer's name, as they gave it, in our bold", () => {
    expect(JSON.stringify(dm({ customerName: '_Jane_' }).blocks)).toContain('{"type":"text","text":"_Jane_","style":{"bold":true}}');
  });

  it('links to the thread with a rich-text link', () => {
    expect(links(dm())).toEqual([{ type: 'link', url: PERMALINK, text: 'Open the thread' }]);
  });

  it.each([null, 'javascript:alert(1)', 'slack://channel?id=C1'])('offers no link for %p', (permalink) => {
    const message = dm({ conversationPermalink: permalink });
    expect(links(message)).toEqual([]);
    expect(messageProblems(message)).toEqual([]);
  });

  it.each([null, '', '  \n '])('leaves out a note of %p', (note) => {
    expect(visibleText(dm({ note }).blocks)).not.toContain('Note');
  });

  it('shows the note and the customer name literally, and clips them', () => {
    const message = dm({ customerName: HOSTILE, note: `Careful: ${HOSTILE}` });
    expect(visibleText(message.blocks)).toContain(`with ${SHOWN}.`);
    expect(visibleText(message.blocks)).toContain(`Careful: ${SHOWN}`);
    expect(mrkdwn(message).replaceAll('<@U0LEAD>', '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    const long = dm({ customerName: 'n'.repeat(10_000), note: '&'.repeat(10_000) });
    expect(messageProblems(long)).toEqual([]);
    expect(visibleText(long.blocks)).toMatch(/Note\n&{999}…/);
  });

  it('does not mention an assigner whose id is not a Slack user id', () => {
    expect(dm({ actorId: '<!here>' }).text).toBe('Someone assigned you the conversation with Jane Doe (urgent priority)');
  });
});

describe('buildTakenFromDM', () => {
  const dm = (overrides: Partial<Parameters<typeof buildTakenFromDM>[0]> = {}) =>
    buildTakenFromDM({ actorId: 'U0COLLEAGUE', customerName: 'Jane Doe', permalink: PERMALINK, ...overrides });

  it('tells the previous agent who took it over, and to leave the talking to them', () => {
    const message = dm();
    expect(message.text).toBe('<@U0COLLEAGUE> took over your conversation with Jane Doe.');
    expect(visibleText(message.blocks)).toContain(
      '<@U0COLLEAGUE> took over your conversation with Jane Doe.\nYour replies in its thread still reach the customer, so leave the talking to them.',
    );
    expect(links(message)).toEqual([{ type: 'link', url: PERMALINK, text: 'Open the thread' }]);
    expect(messageProblems(message)).toEqual([]);
  });

  it('names the new assignee when a supervisor reassigned it', () => {
    expect(dm({ actorId: LEAD, assigneeId: 'U0THIRD' }).text).toBe('<@U0LEAD> reassigned your conversation with Jane Doe to <@U0THIRD>.');
    expect(dm({ actorId: LEAD, assigneeId: LEAD }).text).toBe('<@U0LEAD> took over your conversation with Jane Doe.');
  });

  it('shows the customer name literally and offers no link without a web permalink', () => {
    const message = dm({ customerName: HOSTILE, permalink: null });
    expect(visibleText(message.blocks)).toContain(SHOWN);
    expect(message.text).toContain(NOTIFIED);
    expect(links(message)).toEqual([]);
    expect(messageProblems(message)).toEqual([]);
  });
});
