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
import { buildEventFailed, buildEventUndelivered } from '../../../src/slack/blocks/relay-feedback';
import { buildEscalation, buildIdleOfferDM, buildReplyOverdueDM } from '../../../src/slack/blocks/reminders';
import { buildHomeView } from '../../../src/slack/blocks/home-view';
import { buildConversationList } from '../../../src/slack/blocks/conversation-list';
import { FIRST_HOME } from '../../../src/domain/home-queues';
import { messageProblems, viewProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';

// Every builder that takes text from the customer, the AI or the bot platform, fed generated text that tries
// hardest to ping, mention, link or format: nothing of it may reach the payload in a form Slack acts on, and
// the payload must still be one Slack accepts. The only mentions allowed are those of the agents we name.
// Slack has no escape for *bold*, _italic_, ~strike~ or `code` in mrkdwn, so such text never lands in a mrkdwn
// object at all: SENTINEL rides along in the generated text, and no mrkdwn object may hold it.

const AGENT = 'U0AGENT1';
const COLLEAGUE = 'U0AGENT2';
// The user group a routing rule mentions.
const ROUTED_GROUP = 'S0SALESONCALL';
const OURS = [AGENT, COLLEAGUE, ROUTED_GROUP];
const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const AT = new Date('2026-03-01T12:00:00Z');
// When anything Handoff stores can have happened.
const moment = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

const SENTINEL = 'Zq7*b*_i_~s~';
const PINGS = [
  '<!channel>', '<!here>', '<!here|here>', '<!everyone>', '<!subteam^S1>', '<!subteam^S1|@support>', '<@U123>', '<@U123|boss>',
  '<#C123>', '<#C123|general>', '<https://x|y>', '<https://evil.example>', '<mailto:a@b.example|mail>', '<!date^1^{time}|x>',
];
const TRICKY = [
  '<', '>', '&', '|', '!', '@', '#', '^', '&lt;', '&gt;', '&amp;', '&lt;!channel&gt;', '&LT;@U123&GT;', '&amp;lt;',
  '\u0000', '\u0007', '\u001b', '\u007f', '\r', '\r\n', '\n', '\t', '\u2028', '😀', '👍🏽', '"', '\\', ' ', '…', ':rage:', '*', '`',
  '_', '~', '**', '__', '~~', '```', '``', '*bold*', '_it_', '~s~', '`code`', '```block```', '> quote', '\n>', '&gt; quote', ':smile:',
];

const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const surrogateHalf = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  { weight: 2, arbitrary: fc.constant(SENTINEL) },
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

// What every view of a conversation knows of it.
const conversationBasics = {
  id: fc.constant(CONVERSATION_ID),
  status: fc.constantFrom(...STATUSES),
  priority: fc.constantFrom(...PRIORITIES),
  reason: fc.constantFrom(...REASONS),
  assigneeId: fc.option(userId, { nil: null }),
};

const snapshot: fc.Arbitrary<ConversationSnapshot> = fc.record({
  ...conversationBasics,
  externalId: shortHostile,
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
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// The texts of every object of `type` in a payload, however deep.
function textsOf(payload: unknown, ...types: string[]): string[] {
  const texts: string[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && types.includes(node.type) && typeof node.text === 'string') texts.push(node.text);
      Object.values(node).forEach(visit);
    }
  };
  visit(payload as Json);
  return texts;
}

// Where Slack reads nothing into text: plain_text objects and rich-text leaves.
const literalTexts = (payload: unknown) => textsOf(payload, 'plain_text', 'text', 'link');

// The notification text is mrkdwn by design (escaped there); the blocks carry no untrusted mrkdwn.
function expectNoUntrustedMrkdwn(blocks: unknown): void {
  expect(textsOf(blocks, 'mrkdwn').filter((text) => text.includes(SENTINEL))).toEqual([]);
}

function expectSafeMessage(message: Message): void {
  expect(findPings(JSON.stringify(message), OURS)).toEqual([]);
  expect(messageProblems(message)).toEqual([]);
  expectNoUntrustedMrkdwn(message.blocks);
}

function expectSafeView(view: { blocks: unknown }): void {
  expect(findPings(JSON.stringify(view), OURS)).toEqual([]);
  expect(viewProblems(view)).toEqual([]);
  expectNoUntrustedMrkdwn(view.blocks);
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
          buildSendReplyModal({ conversationId: CONVERSATION_ID, customerName: name, replies, text, preview: text }),
          buildSendReplyModal({ conversationId: CONVERSATION_ID, customerName: name, text, suggestionId: CONVERSATION_ID }),
          buildSavedRepliesModal(replies),
          ...(replies[0] ? [buildSavedReplyEditor(replies[0])] : []),
        ];
        for (const view of views) {
          expect(viewProblems(view)).toEqual([]);
          expect(findPings(JSON.stringify(aroundInputs(view)), OURS)).toEqual([]);
          expectNoUntrustedMrkdwn(view.blocks);
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
        expectNoUntrustedMrkdwn(view.blocks);
      }),
    );
  });

  it('the note left in the thread an alert moved away from', () => {
    fc.assert(fc.property(link, (permalink) => expectSafeMessage(buildAlertMovedLink(permalink))));
  });

  it('what Handoff could not do, quoting the reason', () => {
    fc.assert(
      fc.property(hostile, hostile, (type, why) => {
        expectSafeMessage(buildEventFailed(why));
        expectSafeMessage(buildEventUndelivered({ type, why }));
      }),
    );
  });

  it('the reminders, in the channel and to the assignee', () => {
    const overdue = { priority: 'high' as const, since: AT, allowedSeconds: 600, at: new Date(AT.getTime() + 1_200_000) };
    fc.assert(
      fc.property(hostile, fc.option(link, { nil: null }), (customerName, permalink) => {
        expectSafeMessage(buildReplyOverdueDM({ customerName, permalink }, overdue));
        expectSafeMessage(buildIdleOfferDM({ conversationId: CONVERSATION_ID, customerName, permalink }, overdue));
        const escalation = buildEscalation({ supervisorsUserGroup: ROUTED_GROUP, customerName, permalink }, overdue);
        expect(messageProblems(escalation)).toEqual([]);
        // The one ping meant to ping: the supervisors' group.
        expect(findPings(JSON.stringify(escalation), OURS)).toEqual([]);
        expectNoUntrustedMrkdwn(escalation.blocks);
      }),
    );
  });

  const listed = fc.record({
    ...conversationBasics,
    customerName: hostile,
    tags: fc.array(hostile, { maxLength: 8 }),
    createdAt: moment,
    slackChannelId: fc.constant('C0ALERTS'),
    slackThreadTs: fc.option(fc.constant('1700000000.000100'), { nil: null }),
    permalink: fc.option(link, { nil: null }),
  });

  it('the App Home and the conversation lists of /handoff', () => {
    const homeRow = fc.record({ listed, channelType: fc.constantFrom(...CHANNEL_TYPES), lastCustomerMessageAt: fc.option(moment, { nil: null }) });
    const counts = { mine: 1, unassigned: 1, open: 1, ai: 1, closed: 1 };
    fc.assert(
      fc.property(fc.array(homeRow, { maxLength: 10 }), fc.array(shortHostile, { maxLength: 20 }), hostile, (rows, tags, query) => {
        const conversations = rows.map(({ listed: row, ...more }) => ({ ...row, ...more }));
        const view = buildHomeView({
          viewerId: AGENT,
          state: FIRST_HOME,
          counts,
          medianFirstReplySeconds: null,
          conversations,
          knownTags: tags,
          knownCustomerTags: tags,
          online: true,
          notice: null,
          now: AT,
          settings: null,
        });
        expectSafeView(view);
        expectSafeMessage(buildConversationList({ title: 'Conversations matching', empty: 'Nothing', query }, { rows: conversations, total: conversations.length + 3 }, AT));
      }),
    );
  });
});

// The other half of the invariant: each untrusted field still shows, as plain text or rich text, so the check
// above cannot pass by leaving the text out. Every field gets a sentinel of its own.
describe('formatting characters in untrusted text, shown as typed', () => {
  let serial = 0;
  const marked: string[] = [];
  const mark = (): string => {
    serial += 1;
    const text = `${SENTINEL}${serial}`;
    marked.push(text);
    return text;
  };
  beforeEach(() => {
    marked.length = 0;
  });

  function expectShownLiterally(payload: { blocks: unknown }): void {
    expectNoUntrustedMrkdwn(payload.blocks);
    const shown = literalTexts(payload.blocks).join('\n');
    expect(marked.filter((text) => !shown.includes(text))).toEqual([]);
  }

  it('on the alert message', () => {
    const c: ConversationSnapshot = {
      id: CONVERSATION_ID,
      externalId: 'conv-1',
      status: 'waiting',
      priority: 'high',
      reason: 'frustration',
      assigneeId: null,
      tags: [mark(), mark()],
      summary: mark(),
      scores: { [mark()]: 0.5 },
      customer: { name: mark(), email: mark(), phone: mark() },
      channelType: 'web',
      channelName: mark(),
      link: null,
      metadata: { [mark()]: mark() },
      replyWindowEndsAt: null,
      alertCount: 1,
      mentionUserGroup: null,
      ratingScore: null,
      recentLines: [
        { role: 'customer', text: mark() },
        { role: 'ai', text: mark() },
      ],
      customerContext: { earlierConversations: 1, lastEarlierAt: AT, tags: [mark()], newestNote: mark() },
    };
    expectShownLiterally(buildAlertMessage(c, AT));
  });

  it('in the thread', () => {
    const name = mark();
    const posts = [
      ...buildTranscriptPosts([{ role: 'customer', text: mark() }, { role: 'agent', text: mark() }], name),
      buildCustomerMessagePost({ text: mark(), attachments: [{ url: 'https://files.example/a', name: mark() }] }),
      buildNoticePost(activityLine({ type: 'tagged', actorId: AGENT, data: { added: [mark()], removed: [mark()] } }, AT)),
      buildNoticePost(activityLine({ type: 'assigned', actorId: AGENT, data: { assigneeId: COLLEAGUE, priority: mark(), note: mark() } }, AT)),
      buildNoticePost(activityLine({ type: mark(), actorId: AGENT, data: {} }, AT)),
      buildRatingPost({ score: 4, comment: mark(), replaced: false }),
      buildSuggestionPost({ state: 'offered', id: CONVERSATION_ID, text: mark() }),
      buildAgentMessagePost({ text: mark(), authorId: AGENT }),
      buildThreadIntro({ customerName: mark(), channelType: 'web', relayMode: 'marker', sendMarker: mark(), graceSeconds: 0 }),
      buildDeliveryFailedReply({ why: mark(), retryable: true, messageId: CONVERSATION_ID, agentId: AGENT }),
      buildReplyKept(mark()),
      buildEventUndelivered({ type: mark(), why: mark() }),
    ];
    expectShownLiterally({ blocks: posts.flatMap((p) => p.blocks) });
  });

  it('in direct messages and private answers', () => {
    const permalink = 'https://acme.slack.com/archives/C0ALERTS/p1700000000000100';
    const overdue = { priority: 'high' as const, since: AT, allowedSeconds: 600, at: new Date(AT.getTime() + 1_200_000) };
    const messages = [
      buildAssignedDM({ actorId: AGENT, conversationPermalink: permalink, customerName: mark(), note: mark(), priority: 'high' }),
      buildTakenFromDM({ actorId: AGENT, customerName: mark(), permalink, assigneeId: COLLEAGUE }),
      buildAuthorityDenied(mark()),
      buildEventFailed(mark()),
      buildEscalation({ supervisorsUserGroup: ROUTED_GROUP, customerName: mark(), permalink }, overdue),
      buildReplyOverdueDM({ customerName: mark(), permalink }, overdue),
      buildIdleOfferDM({ conversationId: CONVERSATION_ID, customerName: mark(), permalink }, overdue),
    ];
    expectShownLiterally({ blocks: messages.flatMap((m) => m.blocks) });
  });

  it('in modals and on the App Home', () => {
    const reply = { id: CONVERSATION_ID, title: mark(), text: mark() };
    const tag = mark();
    const row = {
      id: CONVERSATION_ID,
      customerName: mark(),
      reason: 'frustration' as const,
      priority: 'urgent' as const,
      status: 'waiting' as const,
      assigneeId: null,
      tags: [mark()],
      createdAt: AT,
      slackChannelId: 'C0ALERTS',
      slackThreadTs: '1700000000.000100',
      permalink: null,
      channelType: 'web' as const,
      lastCustomerMessageAt: null,
    };
    const views = [
      buildAssignModal({ conversationId: CONVERSATION_ID, customerName: mark(), currentAssigneeId: null, priority: 'normal' }),
      buildTagModal({ conversationId: CONVERSATION_ID, customerName: mark(), currentTags: [tag], knownTags: [mark()] }),
      buildSendReplyModal({ conversationId: CONVERSATION_ID, customerName: mark(), replies: [reply], text: 'hi', preview: mark() }),
      buildSavedRepliesModal([reply]),
      buildProfileModal({
        conversationId: CONVERSATION_ID,
        profile: {
          id: CONVERSATION_ID,
          externalId: 'cus-1',
          details: { name: mark(), email: mark(), phone: mark(), address: mark() },
          tags: [],
          firstSeenAt: AT,
          totalConversations: 2,
          earlier: [{ id: CONVERSATION_ID, createdAt: AT, status: 'closed', summary: mark(), slackChannelId: 'C0ALERTS', slackThreadTs: '1700000000.000100', permalink: null }],
          notes: [{ authorId: AGENT, text: mark(), createdAt: AT }],
          totalNotes: 1,
        },
        knownTags: [],
        now: AT,
      }),
      buildHomeView({
        viewerId: AGENT,
        state: FIRST_HOME,
        counts: { mine: 0, unassigned: 1, open: 0, ai: 0, closed: 0 },
        medianFirstReplySeconds: null,
        conversations: [row],
        knownTags: [],
        knownCustomerTags: [],
        online: true,
        notice: null,
        now: AT,
        settings: null,
      }),
    ];
    expectShownLiterally({ blocks: [...views.flatMap((v) => v.blocks), ...buildConversationList({ title: 'Waiting', empty: 'None' }, { rows: [{ ...row, customerName: mark() }], total: 1 }, AT).blocks] });
  });
});
