import type { CustomerProfile, ProfileConversation } from '../../../src/domain/customer';
import { buildNoProfile, buildProfileModal, parseProfileSubmission } from '../../../src/slack/blocks/customer-profile';
import { messageProblems, viewProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';
import { visibleText } from '../../helpers/block-text';

const NOW = new Date('2026-11-20T12:00:00Z');
const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const CUSTOMER_ID = '0b7c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const HOSTILE = '<!channel> <@U123> <https://evil.example|click> R&D';

function earlier(i: number, more: Partial<ProfileConversation> = {}): ProfileConversation {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdAt: new Date(Date.UTC(2026, 10, 12 - i)),
    status: 'closed',
    summary: `Order ${i} arrived late`,
    slackChannelId: 'C0ALERTS',
    slackThreadTs: `1700000000.00${i}`,
    permalink: `https://acme.slack.com/archives/C0ALERTS/p170000000000${i}`,
    ...more,
  };
}

function profile(more: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id: CUSTOMER_ID,
    externalId: 'cus_1',
    details: { name: 'Jane Doe', email: 'jane@example.com', phone: '+44 20 7946 0000', address: '1 High St\nLondon' },
    tags: ['VIP'],
    firstSeenAt: new Date('2025-06-01T09:00:00Z'),
    totalConversations: 3,
    earlier: [earlier(1), earlier(2)],
    notes: [{ authorId: 'U0AGENT', text: 'Prefers text messages over calls', createdAt: new Date('2026-11-18T10:00:00Z') }],
    totalNotes: 1,
    ...more,
  };
}

const build = (p: CustomerProfile, knownTags: string[] = []) => buildProfileModal({ conversationId: CONVERSATION_ID, profile: p, knownTags, now: NOW });
const text = (view: unknown) => JSON.stringify(view);

describe('the customer profile modal', () => {
  it('shows contact details, first contact, total conversations, earlier threads with links, notes and tags', () => {
    const view = build(profile(), ['frequent buyer']);
    expect(viewProblems(view)).toEqual([]);
    const all = text(view);
    const shown = visibleText(view.blocks);
    expect(shown).toContain('Email: jane@example.com');
    expect(shown).toContain('First contact 1 Jun 2025 · 3 conversations in total');
    expect(shown).toContain('11 Nov · closed — Order 1 arrived late');
    expect(all).toContain('{"type":"link","url":"https://acme.slack.com/archives/C0ALERTS/p1700000000001","text":"11 Nov"}');
    expect(shown).toContain('Prefers text messages over calls');
    expect(shown).toContain('<@U0AGENT> · 18 Nov');
    expect(all).toContain('"initial_options":[{"text":{"type":"plain_text","text":"VIP","emoji":false},"value":"VIP"}]');
    expect(all).toContain('frequent buyer');
    expect(all).toContain('"initial_value":"jane@example.com"');
    expect(JSON.parse(view.private_metadata!)).toEqual({ conversationId: CONVERSATION_ID, customerId: CUSTOMER_ID });
  });

  it('shows a customer the team knows nothing about yet, with an empty form', () => {
    const view = build(profile({ details: { name: null, email: null, phone: null, address: null }, tags: [], totalConversations: 1, earlier: [], notes: [], totalNotes: 0 }));
    expect(viewProblems(view)).toEqual([]);
    const all = text(view);
    expect(all).toContain('Customer cus_1');
    expect(all).toContain('No contact details yet.');
    expect(all).toContain('No earlier conversations.');
    expect(all).toContain('No notes yet.');
    expect(all).not.toContain('initial_value');
    expect(all).not.toContain('customer_tag_select_block');
  });

  it('names an earlier thread Slack gave no link to without a link', () => {
    const view = build(profile({ earlier: [earlier(1, { permalink: null, summary: null })] }));
    expect(visibleText(view.blocks)).toContain('11 Nov · closed');
    expect(text(view)).not.toContain('"type":"link"');
  });

  it('keeps hostile customer text from pinging, linking or formatting, and within the limits', () => {
    const long = `${HOSTILE} `.repeat(400);
    const view = build(
      profile({
        externalId: HOSTILE,
        details: { name: long, email: long, phone: long, address: long },
        tags: [HOSTILE, 'x'.repeat(60)],
        earlier: [earlier(1, { summary: long, permalink: null })],
        notes: Array.from({ length: 10 }, (_, i) => ({ authorId: i % 2 ? 'U0AGENT' : HOSTILE, text: long, createdAt: NOW })),
        totalNotes: 25,
      }),
      [HOSTILE],
    );
    expect(viewProblems(view)).toEqual([]);
    // An input's initial value is what the person edits, never rendered as markup: it holds the detail as it is.
    const rendered = JSON.stringify(view, (key, value: unknown) => (key === 'initial_value' ? undefined : value));
    expect(findPings(rendered, ['U0AGENT'])).toEqual([]);
    expect(text(view)).toContain('+15 older notes');
  });

  it('stays within a modal\'s 100 blocks with a page of earlier conversations and notes', () => {
    const many = Array.from({ length: 10 }, (_, i) => earlier(i));
    const notes = Array.from({ length: 10 }, (_, i) => ({ authorId: 'U0AGENT', text: `note ${i}`, createdAt: NOW }));
    const view = build(profile({ earlier: many, totalConversations: 250, notes, totalNotes: 10 }), Array.from({ length: 150 }, (_, i) => `tag${i}`));
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain('+239 older');
  });

  it('answers a conversation without a customer id in words, not a profile', () => {
    expect(messageProblems(buildNoProfile())).toEqual([]);
  });
});

const values = (v: { note?: string | null; email?: string | null; name?: string | null; selected?: string[]; typed?: string | null }) => ({
  customer_note_block: { customer_note: { value: v.note ?? null } },
  customer_name_block: { customer_name: { value: v.name ?? null } },
  customer_email_block: { customer_email: { value: v.email ?? null } },
  customer_phone_block: { customer_phone: { value: null } },
  customer_address_block: { customer_address: { value: '  ' } },
  ...(v.selected && { customer_tag_select_block: { customer_tag_select: { selected_options: v.selected.map((value) => ({ value })) } } }),
  customer_tag_new_block: { customer_tag_new: { value: v.typed ?? null } },
});

describe('reading a saved profile', () => {
  const opened = build(profile({ tags: ['VIP', 'late payer'] })).blocks;

  it('reads the note, the tags added and removed, and every detail (empty ones as cleared)', () => {
    expect(parseProfileSubmission(values({ note: ' Call after 5 ', name: 'Jane', email: 'j@example.com', selected: ['VIP'], typed: 'frequent buyer, vip' }), opened)).toEqual({
      ok: true,
      value: {
        note: 'Call after 5',
        addTags: ['frequent buyer'],
        removeTags: ['late payer'],
        details: { name: 'Jane', email: 'j@example.com', phone: null, address: null },
      },
    });
  });

  it('leaves out the details left as the modal showed them', () => {
    const view = build(profile({ details: { name: 'Jane Doe', email: 'jane@example.com', phone: null, address: null } }));
    const untouched = { ...values({ name: 'Jane Doe', email: 'jane@example.com' }), customer_address_block: { customer_address: { value: null } } };
    expect(parseProfileSubmission(untouched, view.blocks)).toMatchObject({ ok: true, value: { details: {} } });
    expect(parseProfileSubmission({ ...untouched, customer_phone_block: { customer_phone: { value: '+1 555' } } }, view.blocks)).toMatchObject({
      ok: true,
      value: { details: { phone: '+1 555' } },
    });
  });

  it('refuses an email that is not one under the email field', () => {
    expect(parseProfileSubmission(values({ email: 'not-an-email', selected: ['VIP', 'late payer'] }), opened)).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { customer_email_block: 'Enter an email address like name@example.com.' } },
    });
  });

  it('speaks of the customer, not a conversation, when too many customer tags are given', () => {
    const typed = Array.from({ length: 101 }, (_, i) => `tag${i}`).join(', ');
    expect(parseProfileSubmission(values({ typed, selected: ['VIP', 'late payer'] }), opened)).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { customer_tag_new_block: 'A customer can have at most 100 tags.' } },
    });
  });

  it('names every field in error at once', () => {
    const parsed = parseProfileSubmission(values({ email: 'nope', typed: 'x'.repeat(51), name: 'n'.repeat(300) }), opened);
    expect(parsed.ok).toBe(false);
    expect(Object.keys(!parsed.ok ? parsed.response.errors : {}).sort()).toEqual(['customer_email_block', 'customer_name_block', 'customer_tag_new_block']);
  });
});
