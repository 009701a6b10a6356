import type { KnownBlock } from '@slack/types';
import type { RelayMode } from '../../../src/domain/relay-policy';
import {
  buildDeliveryFailedReply,
  buildDeliveryRetriedReply,
  buildEventFailed,
  buildEventUndelivered,
  buildNotWaitingForRetry,
  buildRelayWarning,
  buildReplyKept,
  buildThreadIntro,
  type ThreadIntro,
} from '../../../src/slack/blocks/relay-feedback';
import { ACTIONS } from '../../../src/slack/ids';
import { messageProblems } from '../../helpers/block-kit';
import { visibleText } from '../../helpers/block-text';

const AGENT = 'U0AGENT42';
const MESSAGE_ID = '3f6c1a2e-9b4d-4e8f-a1c2-7d5e6f708192';
const HOSTILE = '<!channel> <@U123> <https://evil.example|click> R&D';
// As shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = '(!channel) (@U123) (https://evil.example|click) R&D';
const NOTIFIED = '(!channel) (@U123) (https://evil.example|click) R&amp;D';

// Everything Slack would render for the reader: the notification text and the blocks.
function rendered(message: { text: string; blocks: KnownBlock[] }): string {
  return `${message.text}\n${visibleText(message.blocks)}`;
}

// Shown literally, and escaped in the notification.
function expectHostileShown(message: { text: string; blocks: KnownBlock[] }): void {
  expect(visibleText(message.blocks)).toContain(SHOWN);
  expect(message.text).toContain(NOTIFIED);
  expect(JSON.stringify(message)).not.toMatch(/<!channel>|<!here>|<@U123>/);
}

function buttons(blocks: KnownBlock[]): unknown[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
}

function intro(overrides: Partial<ThreadIntro> = {}) {
  return buildThreadIntro({ customerName: 'Jane Doe', channelType: 'whatsapp', relayMode: 'all', sendMarker: '>>', graceSeconds: 5, ...overrides });
}

describe('buildDeliveryFailedReply', () => {
  it('tells the agent their reply was not delivered and offers a Retry button carrying the message id', () => {
    const reply = buildDeliveryFailedReply({ why: 'the platform had an error (HTTP 503)', retryable: true, messageId: MESSAGE_ID, agentId: AGENT });
    expect(messageProblems(reply)).toEqual([]);
    expect(reply.text).toBe(':warning: <@U0AGENT42> your reply was not delivered: the platform had an error (HTTP 503)');
    expect(buttons(reply.blocks)).toEqual([
      { type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: ACTIONS.retryDelivery, value: MESSAGE_ID },
    ]);
    expect(ACTIONS.retryDelivery).toBe('relay_retry_delivery');
  });

  it('offers no button when sending again would fail the same way', () => {
    const reply = buildDeliveryFailedReply({ why: 'the customer blocked the account', retryable: false, messageId: MESSAGE_ID, agentId: AGENT });
    expect(messageProblems(reply)).toEqual([]);
    expect(buttons(reply.blocks)).toEqual([]);
    expect(reply.text).toContain('the customer blocked the account');
  });

  it("shows the platform's words literally", () => {
    const reply = buildDeliveryFailedReply({ why: HOSTILE, retryable: true, messageId: MESSAGE_ID, agentId: AGENT });
    expect(messageProblems(reply)).toEqual([]);
    expectHostileShown(reply);
  });

  it('keeps a huge reason within Slack limits', () => {
    const reply = buildDeliveryFailedReply({ why: '"&<>'.repeat(5_000), retryable: true, messageId: MESSAGE_ID, agentId: AGENT });
    expect(messageProblems(reply)).toEqual([]);
  });

  it('mentions nobody when the agent id is not a Slack user id', () => {
    const reply = buildDeliveryFailedReply({ why: 'timeout', retryable: false, messageId: MESSAGE_ID, agentId: '!channel' });
    expect(reply.text).toBe(':warning: Your reply was not delivered: timeout');
  });
});

describe('buildDeliveryRetriedReply', () => {
  it('confirms the retry worked, without a button', () => {
    const reply = buildDeliveryRetriedReply({ agentId: AGENT });
    expect(messageProblems(reply)).toEqual([]);
    expect(reply.text).toBe(':white_check_mark: <@U0AGENT42> your reply was delivered on retry');
    expect(buttons(reply.blocks)).toEqual([]);
  });
});

describe('buildRelayWarning', () => {
  it('says how long the reply may be and that nothing was sent', () => {
    const warning = buildRelayWarning('instagram', { problem: 'too_long', limit: 1000, length: 1204 });
    expect(messageProblems(warning)).toEqual([]);
    expect(warning.text).toBe(':warning: Instagram accepts 1,000 characters; your reply has 1,204. Shorten it and send again — nothing was sent.');
  });

  it('starts the sentence with a capital for channels named in lower case', () => {
    expect(buildRelayWarning('email', { problem: 'too_long', limit: 5000, length: 5001 }).text).toContain('Email accepts 5,000 characters');
  });

  it('says when the reply window closed, in each reader’s time zone', () => {
    const closedAt = new Date('2026-03-01T09:30:00Z');
    const warning = buildRelayWarning('messenger', { problem: 'window_closed', closedAt });
    expect(messageProblems(warning)).toEqual([]);
    expect(warning.text).toBe(
      `:warning: The customer's reply window closed <!date^${closedAt.getTime() / 1000}^{date_short_pretty} at {time}|2026-03-01 09:30 UTC>; ` +
        'Messenger will refuse the message. Nothing was sent.',
    );
  });
});

describe('buildReplyKept', () => {
  it('says the reply stayed in Slack and why, in a valid message', () => {
    const message = buildReplyKept('Only the support team can reply to customers. Ask a workspace admin to add you.');
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toBe(
      ':lock: Your reply stays in Slack and was not sent to the customer. Only the support team can reply to customers. Ask a workspace admin to add you.',
    );
  });

  it('shows the reason literally, which may name a user group', () => {
    expectHostileShown(buildReplyKept(HOSTILE));
  });
});

describe('buildThreadIntro', () => {
  it('explains that replies go to the customer as the agent, after the grace period, and how to keep a note internal', () => {
    const post = intro();
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe(':speech_balloon: Replies here go to Jane Doe on WhatsApp, as you (your name and photo).');
    const all = rendered(post);
    expect(all).toContain('Each reply is sent 5 seconds after you post it; editing or deleting it before then changes what is sent.');
    expect(all).toContain('Start a reply with `note:` or `private:` to keep it internal.');
  });

  it('names the marker in marker mode', () => {
    const post = intro({ relayMode: 'marker', sendMarker: '>>', channelType: 'instagram' });
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe(
      ':speech_balloon: Only replies here that start with &gt;&gt; go to Jane Doe on Instagram, as you (your name and photo); other replies stay in Slack.',
    );
    expect(rendered(post)).toContain('`note:` or `private:`');
    // Exactly as agents must type it.
    expect(post.blocks[0]).toMatchObject({ elements: [{ elements: expect.arrayContaining([{ type: 'text', text: '>>', style: { code: true } }]) }] });
  });

  it('says nothing is sent in alerts-only mode, without relay rules that do not apply', () => {
    const post = intro({ relayMode: 'alerts_only', channelType: 'email' });
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe(':speech_balloon: Replies here stay in Slack: nothing in this thread is sent to Jane Doe by email.');
    expect(rendered(post)).not.toContain('note:');
    expect(rendered(post)).not.toContain('seconds');
  });

  it.each<[RelayMode]>([['all'], ['marker'], ['alerts_only']])('shows a hostile customer name and marker literally in %s mode', (relayMode) => {
    const post = intro({ relayMode, customerName: HOSTILE, sendMarker: '<!here>' });
    expect(messageProblems(post)).toEqual([]);
    expectHostileShown(post);
  });

  it('falls back to "the customer" for a blank name', () => {
    expect(intro({ customerName: '   ' }).text).toContain('go to the customer on WhatsApp');
  });

  it.each([
    [0, 'Each reply is sent as soon as you post it.'],
    [1, 'Each reply is sent 1 second after you post it'],
    [120, 'Each reply is sent 120 seconds after you post it'],
  ])('describes a grace period of %i seconds', (graceSeconds, words) => {
    expect(rendered(intro({ graceSeconds }))).toContain(words);
  });
});

describe('notices Handoff posts about its own failures', () => {
  it('names, in words, the conversation event the platform never received, and shows the platform’s words literally', () => {
    const message = buildEventUndelivered({ type: 'conversation.taken_over', why: `HTTP 410: ${HOSTILE}` });
    expect(message.text).toContain('was not told that a person took this conversation over');
    expectHostileShown(message);
    expect(messageProblems(message)).toEqual([]);
  });

  it('names an event type it does not know, even one that is a property of every object', () => {
    const message = buildEventUndelivered({ type: 'toString', why: 'HTTP 500' });
    expect(message.text).toBe(':warning: The bot platform was not told about toString: HTTP 500');
    expect(messageProblems(message)).toEqual([]);
  });

  it('says in words that the platform missed a customer\'s corrected details', () => {
    expect(buildEventUndelivered({ type: 'customer.updated', why: 'HTTP 500' }).text).toContain("was not told of the customer's corrected details");
  });

  it('still says something for an event it has no words for', () => {
    expect(buildEventUndelivered({ type: 'conversation.<!here>', why: 'HTTP 500' }).text).toContain('about conversation.(!here)');
  });

  it('asks the person to send again when their message could not be handled at all', () => {
    const message = buildEventFailed(`Slack refused: ${HOSTILE}`);
    expect(message.text).toMatch(/Send it again/);
    expectHostileShown(message);
    expect(messageProblems(message)).toEqual([]);
    expect(messageProblems(buildNotWaitingForRetry())).toEqual([]);
  });
});
