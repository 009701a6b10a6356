import fc from 'fast-check';
import { CHANNEL_TYPES, PRIORITIES, REASONS, ROLES, STATUSES, type ConversationSnapshot } from '../../../src/domain/conversation';
import { RELAY_MODES } from '../../../src/domain/relay-policy';
import { activityLine } from '../../../src/slack/blocks/activity-line';
import { buildAlertMessage } from '../../../src/slack/blocks/alert-message';
import { buildAlertMovedLink } from '../../../src/slack/blocks/alert-moved';
import { buildDeliveryFailedReply, buildReplyKept, buildThreadIntro } from '../../../src/slack/blocks/relay-feedback';
import { buildCustomerMessagePost, buildNoticePost, buildTranscriptPosts, postedAsCustomer } from '../../../src/slack/blocks/thread-posts';
import { buildAssignedDM, buildAuthorityDenied, buildDeclined, buildTakenFromDM } from '../../../src/slack/blocks/triage-messages';
import { buildAssignModal, buildTagModal } from '../../../src/slack/blocks/triage-modals';
import { buildHandBackModal } from '../../../src/slack/blocks/hand-back-modal';
import { buildRatingPost } from '../../../src/slack/blocks/rating';
import { buildSuggestionPost } from '../../../src/slack/blocks/suggestion-post';
import { buildAgentMessagePost } from '../../../src/slack/blocks/agent-message-post';
import { buildSendReplyModal } from '../../../src/slack/blocks/send-reply-modal';
import { buildSavedRepliesModal, buildSavedReplyEditor } from '../../../src/slack/blocks/saved-replies-modal';
import { buildProfileModal } from '../../../src/slack/blocks/customer-profile';
import { messageProblems, viewProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';

// Every builder that takes text from the customer, the AI or the bot platform, fed generated text that tries
// hardest to ping, mention or link: nothing of it may reach the payload in a form Slack acts on, and the
// payload must still be one Slack accepts. The only mentions allowed are those of the agents we name.

const AGENT = 'U0AGENT1';
const COLLEAGUE = 'U0AGENT2';
// The user group a routing rule mentions.
const ROUTED_GROUP = 'S0SALESONCALL';
const OURS = [AGENT, COLLEAGUE, ROUTED_GROUP];
const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const AT = new Date('2026-03-01T12:00:00Z');
// When anything Handoff stores can have happened.
const moment = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

const PINGS = [
  '<!channel>', '<!here>', '<!here|here>', '<!everyone>', '<!subteam^S1>', '<!subteam^S1|@support>', '<@U123>', '<@U123|boss>',
  '<#C123>', '<#C123|general>', '<https://x|y>', '<https://evil.example>', '<mailto:a@b.example|mail>', '<!date^1^{time}|x>',
];
const TRICKY = [
  '<', '>', '&', '|', '!', '@', '#', '^', '&lt;', '&gt;', '&amp;', '&lt;!channel&gt;', '&LT;@U123&GT;', '&amp;lt;',
  '\u0000', '\u0007', '\u001b', '\u007f', '\r', '\r\n', '\n', '\t', '\u2028', '😀', '👍🏽', '"', '\\', ' ', '…', ':rage:', '*', '`',
];

const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const surrogateHalf = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PINGS) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: surrogateHalf },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const pieces = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
// Long enough to be clipped and split everywhere a builder clips or splits.
const veryLong = fc.tuple(pieces, fc.integer({ min: 20, max: 800 })).map(([text, times]) => (text || '<!here>').repeat(times).slice(0, 30_000));
const hostile = fc.oneof({ weight: 6, arbitrary: pieces }, { weight: 1, arbitrary: veryLong }, { weight: 1, arbitrary: fc.string({ unit: 'binary' }) });
const shortHostile = hostile.map((text) => text.slice(0, 60));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
// An address the platform sent: sometimes a real web link with markup riding along, sometimes anything.
const link = fc.oneof(hostile.map((text) => `https://platform.example/c/${text}`), hostile);
// Ids from storage are ours, but a corrupt one must not become markup either.
const userId = fc.oneof(fc.constantFrom(AGENT, COLLEAGUE), shortHostile);

const customer = fc.record({ name: maybe(hostile), email: maybe(hostile), phone: maybe(hostile), avatarUrl: maybe(link) });
const transcript = fc.array(fc.record({ role: fc.constantFrom(...ROLES), text: hostile }), { maxLength: 8 });

const snapshot: fc.Arbitrary<ConversationSnapshot> = fc.record({
  id: fc.constant(CONVERSATION_ID),
  externalId: shortHostile,
  status: fc.constantFrom(...STATUSES),
  priority: fc.constantFrom(...PRIORITIES),
  reason: fc.constantFrom(...REASONS),
  assigneeId: fc.option(userId, { nil: null }),
  tags: fc.array(hostile, { maxLength: 12 }),
  summary: fc.option(hostile, { nil: null }),
  scores: fc.dictionary(shortHostile, fc.double(), { maxKeys: 12 }),
  customer,
  channelType: fc.constantFrom(...CHANNEL_TYPES),
  channelName: fc.option(hostile, { nil: null }),
  link: fc.option(link, { nil: null }),
  metadata: fc.dictionary(shortHostile, fc.oneof(hostile, fc.double(), fc.boolean()), { maxKeys: 12 }),
  replyWindowEndsAt: fc.option(moment, { nil: null }),
  alertCount: fc.integer({ min: 1, max: 1_000 }),
  mentionUserGroup: fc.option(fc.oneof(fc.constant(ROUTED_GROUP), shortHostile), { nil: null }),
  ratingScore: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  recentLines: transcript,
  customerContext: fc.option(
    fc.record({
      earlierConversations: fc.nat(),
      lastEarlierAt: fc.option(moment, { nil: null }),
      tags: fc.array(hostile, { maxLength: 12 }),
      newestNote: fc.option(hostile, { nil: null }),
    }),
    { nil: undefined },
  ),
});

const activity = fc.record({
  type: fc.oneof(
    fc.constantFrom('alert_received', 'reopened_by_alert', 'taken_over', 'assigned', 'tagged', 'closed', 'reopened', 'restored', 'moved'),
    shortHostile,
  ),
  actorId: fc.option(userId, { nil: null }),
  data: fc.record({
    reason: hostile,
    priority: hostile,
    previousPriority: hostile,
    previousStatus: fc.oneof(fc.constantFrom(...STATUSES), hostile),
    previousAssigneeId: userId,
    assigneeId: userId,
    viaReply: fc.boolean(),
    note: hostile,
    added: fc.array(hostile, { maxLength: 5 }),
    removed: fc.array(hostile, { maxLength: 5 }),
  }),
});

type Message = { text: string; blocks: unknown };

function expectSafeMessage(message: Message): void {
  expect(findPings(JSON.stringify(message), OURS)).toEqual([]);
  expect(messageProblems(message)).toEqual([]);
}

function expectSafeView(view: { blocks: unknown }): void {
  expect(findPings(JSON.stringify(view), OURS)).toEqual([]);
  expect(viewProblems(view)).toEqual([]);
}

describe('text from the customer, the AI or the bot platform, on every Slack surface', () => {
  it('the alert message', () => {
    fc.assert(fc.property(snapshot, (c) => expectSafeMessage(buildAlertMessage(c, AT))));
  });

  it('the transcript posts', () => {
    fc.assert(fc.property(transcript, hostile, (lines, name) => buildTranscriptPosts(lines, name).forEach(expectSafeMessage)));
  });

  it("a customer's message, with its attachments, and the name and picture it is posted under", () => {
    const attachment = fc.record({ url: link, name: maybe(hostile), mimeType: maybe(hostile), size: maybe(fc.double()) });
    fc.assert(
      fc.property(hostile, fc.array(attachment, { maxLength: 8 }), customer, (text, attachments, who) => {
        expectSafeMessage(buildCustomerMessagePost({ text, attachments }));
        const identity = postedAsCustomer(who.name ?? '', who.avatarUrl);
        expect(findPings(JSON.stringify(identity))).toEqual([]);
        expect(identity.username.length).toBeGreaterThan(0);
        if (identity.icon_url) expect(identity.icon_url).toMatch(/^https?:\/\//);
      }),
    );
  });

  it('the activity lines in the thread', () => {
    fc.assert(fc.property(activity, moment, (event, at) => expectSafeMessage(buildNoticePost(activityLine(event, at)))));
  });

  it("the thread's introduction", () => {
    const intro = fc.record({
      customerName: hostile,
      channelType: fc.constantFrom(...CHANNEL_TYPES),
      relayMode: fc.constantFrom(...RELAY_MODES),
      sendMarker: shortHostile,
      graceSeconds: fc.integer({ min: 0, max: 3_600 }),
    });
    fc.assert(fc.property(intro, (f) => expectSafeMessage(buildThreadIntro(f))));
  });

  it("the relay's feedback quoting the platform's refusal or the reason a reply stayed in Slack", () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (why, retryable) => {
        expectSafeMessage(buildDeliveryFailedReply({ why, retryable, messageId: CONVERSATION_ID, agentId: AGENT }));
        expectSafeMessage(buildReplyKept(why));
      }),
    );
  });

  it('the private answers to a person whose action did not apply', () => {
    const ctx = fc.record({ conversationId: fc.constant(CONVERSATION_ID), command: fc.constantFrom(...(['take_over', 'assign', 'tag', 'reply', 'close'] as const)) });
    fc.assert(
      fc.property(hostile, userId, ctx, (reason, holderId, c) => {
        expectSafeMessage(buildAuthorityDenied(reason));
        expectSafeMessage(buildDeclined({ denied: reason }, c));
        expectSafeMessage(buildDeclined({ refusal: { refused: 'held_by_other', holderId } }, c));
      }),
    );
  });

  it('the direct messages', () => {
    fc.assert(
      fc.property(hostile, fc.option(hostile, { nil: null }), fc.option(link, { nil: null }), userId, fc.constantFrom(...PRIORITIES), (name, note, permalink, assigneeId, priority) => {
        expectSafeMessage(buildAssignedDM({ actorId: AGENT, conversationPermalink: permalink, customerName: name, note, priority }));
        expectSafeMessage(buildTakenFromDM({ actorId: AGENT, customerName: name, permalink, assigneeId }));
      }),
    );
  });

  it('the assign and tag modals, options included', () => {
    fc.assert(
      fc.property(hostile, fc.option(userId, { nil: null }), fc.array(hostile, { maxLength: 120 }), fc.array(shortHostile, { maxLength: 120 }), (name, assignee, current, known) => {
        expectSafeView(buildAssignModal({ conversationId: CONVERSATION_ID, customerName: name, currentAssigneeId: assignee, priority: 'normal' }));
        expectSafeView(buildTagModal({ conversationId: CONVERSATION_ID, customerName: name, currentTags: current, knownTags: known }));
        expectSafeView(buildHandBackModal({ conversationId: CONVERSATION_ID, customerName: name, handBack: 'close' }));
      }),
    );
  });

  it("the customer's rating in the thread", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.option(hostile, { nil: null }), fc.boolean(), (score, comment, replaced) =>
        expectSafeMessage(buildRatingPost({ score, comment, replaced })),
      ),
    );
  });

  it("the AI's suggested reply in each of its states, and the message it becomes", () => {
    fc.assert(
      fc.property(hostile, fc.option(userId, { nil: null }), (text, sentBy) => {
        expectSafeMessage(buildSuggestionPost({ state: 'offered', id: CONVERSATION_ID, text }));
        expectSafeMessage(buildSuggestionPost({ state: 'sent', id: CONVERSATION_ID, text, sentBy }));
        expectSafeMessage(buildSuggestionPost({ state: 'replaced', id: CONVERSATION_ID, text }));
        expectSafeMessage(buildAgentMessagePost({ text, authorId: sentBy ?? AGENT, suggestionId: CONVERSATION_ID }));
      }),
    );
  });

  // The message box holds the words to be sent, exactly: a text box in a modal notifies nobody and renders no
  // markup, so its value is the one place the text stays as written. Everything around it is checked as usual.
  const aroundInputs = (view: { blocks: unknown }) => ({
    ...view,
    blocks: JSON.parse(JSON.stringify(view.blocks).replace(/"initial_value":"(?:[^"\\]|\\.)*"/g, '"initial_value":"x"')) as unknown,
  });

  it('the saved reply picker and the team library', () => {
    const reply = fc.record({ id: fc.constant(CONVERSATION_ID), title: hostile, text: hostile });
    fc.assert(
      fc.property(hostile, hostile, fc.array(reply, { maxLength: 60 }), (name, text, replies) => {
        const views = [
          buildSendReplyModal({ conversationId: CONVERSATION_ID, customerName: name, replies, text }),
          buildSendReplyModal({ conversationId: CONVERSATION_ID, customerName: name, text, suggestionId: CONVERSATION_ID }),
          buildSavedRepliesModal(replies),
          ...(replies[0] ? [buildSavedReplyEditor(replies[0])] : []),
        ];
        for (const view of views) {
          expect(viewProblems(view)).toEqual([]);
          expect(findPings(JSON.stringify(aroundInputs(view)), OURS)).toEqual([]);
        }
        // The AI's draft is offered for editing as it was written, not escaped or cut short.
        const input = (views[1]!.blocks as { element?: { initial_value?: string } }[]).find((b) => b.element?.initial_value !== undefined);
        expect(input?.element?.initial_value ?? '').toBe(Array.from(text).slice(0, 3_000).join(''));
      }),
    );
  });

  it('the customer profile modal', () => {
    const details = fc.record({ name: fc.option(hostile, { nil: null }), email: fc.option(hostile, { nil: null }), phone: fc.option(hostile, { nil: null }), address: fc.option(hostile, { nil: null }) });
    const earlier = fc.record({
      id: fc.constant(CONVERSATION_ID),
      createdAt: moment,
      status: fc.constantFrom(...STATUSES),
      summary: fc.option(hostile, { nil: null }),
      slackChannelId: fc.constant('C0ALERTS'),
      slackThreadTs: fc.constant('1700000000.000100'),
      permalink: fc.constant(null),
    });
    const note = fc.record({ authorId: userId, text: hostile, createdAt: moment });
    const profile = fc.record({
      id: fc.constant(CONVERSATION_ID),
      externalId: shortHostile,
      details,
      tags: fc.array(hostile, { maxLength: 12 }),
      firstSeenAt: moment,
      totalConversations: fc.nat(),
      earlier: fc.array(earlier, { maxLength: 10 }),
      notes: fc.array(note, { maxLength: 10 }),
      totalNotes: fc.nat(),
    });
    fc.assert(
      fc.property(profile, fc.array(shortHostile, { maxLength: 120 }), (p, known) => {
        const view = buildProfileModal({ conversationId: CONVERSATION_ID, profile: p, knownTags: known, now: AT });
        expect(viewProblems(view)).toEqual([]);
        // An input's initial value is the detail as it is, for the person to edit.
        expect(findPings(JSON.stringify(aroundInputs(view)), OURS)).toEqual([]);
      }),
    );
  });

  it('the note left in the thread an alert moved away from', () => {
    fc.assert(fc.property(link, (permalink) => expectSafeMessage(buildAlertMovedLink(permalink))));
  });
});
