import type { KnownBlock, ModalView, PlainTextInput } from '@slack/types';
import { z } from 'zod';
import { DETAILS, type CustomerChange, type CustomerDetails, type CustomerProfile, type Detail, type ProfileConversation } from '../../domain/customer';
import { FIELDS, VIEWS } from '../ids';
import { shortDate } from './alert-message';
import { clipPlain, httpUrl, mrkdwnContext, mrkdwnSection } from './escape';
import { mention } from './mention';
import { bold, literal, literalOr, quoted, richText, words, type Leaf } from './rich-text';
import type { SlackMessage } from './triage-messages';
import {
  input,
  parseInputs,
  parseOurMetadata,
  parseTagSubmission,
  plain,
  stateOf,
  tagPicker,
  tagsOpenedWith,
  type Parsed,
  type StateValues,
  type TagFields,
} from './triage-modals';

const MAX = {
  header: 150,
  detail: { name: 255, email: 320, phone: 64, address: 500 } satisfies Record<Detail, number>,
  summary: 200,
  note: 1_000,
  noteShown: 600,
  link: 1_000,
} as const;

const CUSTOMER_TAGS: TagFields = { select: FIELDS.customerTagSelect, typed: FIELDS.customerTagNew, of: 'customer' };

const DETAIL_FIELDS: Record<Detail, { blockId: string; actionId: string }> = {
  name: FIELDS.customerName,
  email: FIELDS.customerEmail,
  phone: FIELDS.customerPhone,
  address: FIELDS.customerAddress,
};

const DETAIL_LABEL: Record<Detail, string> = { name: 'Name', email: 'Email', phone: 'Phone', address: 'Address' };

const STATUS_LABEL: Record<ProfileConversation['status'], string> = {
  waiting: 'waiting',
  human: 'with an agent',
  ai: 'with the AI',
  closed: 'closed',
};

export interface ProfileModalInput {
  conversationId: string;
  profile: CustomerProfile;
  knownTags: string[];
  now: Date;
}

export interface ProfileMetadata {
  conversationId: string;
  customerId: string;
}

const metadataSchema = z.object({ conversationId: z.guid(), customerId: z.guid() });

// An empty box clears the detail; the email, when there is one, must be one.
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep the ${label.toLowerCase()} to ${max} characters or fewer.` })
    .nullish()
    .transform((text) => text || null);

const detailsSchema = z.object({
  name: optionalText(MAX.detail.name, 'name'),
  email: optionalText(MAX.detail.email, 'email').pipe(z.email({ error: 'Enter an email address like name@example.com.' }).nullable()),
  phone: optionalText(MAX.detail.phone, 'phone number'),
  address: optionalText(MAX.detail.address, 'address'),
  note: optionalText(MAX.note, 'note'),
});

// The customer's whole story on one modal, and the form to add to it: a note, tags, corrected details.
export function buildProfileModal(c: ProfileModalInput): ModalView {
  const { profile, now } = c;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading(profile), emoji: false } },
    contactLines(profile.details),
    mrkdwnContext(
      `First contact ${shortDate(profile.firstSeenAt, now)} · ${profile.totalConversations} conversation${profile.totalConversations === 1 ? '' : 's'} in total`,
    ),
    ...earlierConversations(profile, now),
    ...notes(profile, now),
    { type: 'divider' },
    input(FIELDS.customerNote, 'Add a note', textInput(FIELDS.customerNote.actionId, MAX.note, null, { multiline: true, placeholder: plain('Prefers text messages over calls') }), {
      optional: true,
      hint: plain('The whole team sees it, in every conversation with this customer.'),
    }),
    ...tagPicker(CUSTOMER_TAGS, profile.tags, c.knownTags, 'vip, frequent buyer', 'Customer tags'),
    ...DETAILS.map((detail) =>
      input(DETAIL_FIELDS[detail], DETAIL_LABEL[detail], textInput(DETAIL_FIELDS[detail].actionId, MAX.detail[detail], profile.details[detail], { multiline: detail === 'address' }), {
        optional: true,
      }),
    ),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.customer,
    private_metadata: JSON.stringify({ conversationId: c.conversationId, customerId: profile.id } satisfies ProfileMetadata),
    title: plain('Customer'),
    submit: plain('Save'),
    close: plain('Close'),
    blocks,
  };
}

// The name, or the platform's id when there is no name (or nothing of it would show).
function heading(profile: CustomerProfile): string {
  return clipPlain(profile.details.name?.trim() ?? '', MAX.header).trim() || clipPlain(`Customer ${profile.externalId}`, MAX.header).trim();
}

function textInput(actionId: string, max: number, initial: string | null, more: Partial<PlainTextInput> = {}): PlainTextInput {
  // Slack refuses an initial value longer than the input allows.
  const value = initial?.slice(0, max);
  return { type: 'plain_text_input', action_id: actionId, max_length: max, ...(value && { initial_value: value }), ...more };
}

function contactLines(d: CustomerDetails): KnownBlock {
  const details = (['email', 'phone', 'address'] as const).filter((detail) => d[detail]?.trim());
  if (details.length === 0) return mrkdwnSection('_No contact details yet._');
  const lines = details.map((detail) => [bold(`${DETAIL_LABEL[detail]}:`), words(' '), literal(d[detail]!.trim(), MAX.detail[detail])]);
  return richText(lines.flatMap((line, i) => [...(i > 0 ? [words('\n')] : []), ...line]));
}

function earlierConversations(profile: CustomerProfile, now: Date): KnownBlock[] {
  if (profile.earlier.length === 0) return [mrkdwnContext('No earlier conversations.')];
  const shown = profile.earlier.map((c) => richText(conversationLine(c, now)));
  const more = profile.totalConversations - 1 - profile.earlier.length;
  return [mrkdwnSection('*Earlier conversations*'), ...shown, ...(more > 0 ? [mrkdwnContext(`+${more} older`)] : [])];
}

// The link is Slack's own permalink, never a URL from the platform; a thread Slack gave no link to is named
// without one.
function conversationLine(c: ProfileConversation, now: Date): Leaf[] {
  const when = shortDate(c.createdAt, now);
  const url = c.permalink ? httpUrl(c.permalink, MAX.link) : null;
  const summary = c.summary?.trim() ? [words(' — '), literal(c.summary.trim().replace(/\s+/g, ' '), MAX.summary)] : [];
  return [url ? { type: 'link', url, text: when } : words(when), words(` · ${STATUS_LABEL[c.status]}`), ...summary];
}

function notes(profile: CustomerProfile, now: Date): KnownBlock[] {
  if (profile.notes.length === 0) return [mrkdwnContext('No notes yet.')];
  const blocks: KnownBlock[] = [mrkdwnSection('*Notes*')];
  for (const note of profile.notes) {
    blocks.push(quoted([literalOr(note.text, MAX.noteShown, '(empty note)')]));
    blocks.push(mrkdwnContext(`${mention(note.authorId, 'Someone')} · ${shortDate(note.createdAt, now)}`));
  }
  const more = profile.totalNotes - profile.notes.length;
  if (more > 0) blocks.push(mrkdwnContext(`+${more} older notes`));
  return blocks;
}

// A submission read into the change it asks for, or the messages Slack shows under the fields. Tags are
// compared against those the modal was opened with (see parseTagSubmission).
export function parseProfileSubmission(values: StateValues, openedBlocks: unknown): Parsed<CustomerChange> {
  const inputs = {
    ...(Object.fromEntries(DETAILS.map((detail) => [detail, stateOf(values, DETAIL_FIELDS[detail])?.value])) as Record<Detail, unknown>),
    note: stateOf(values, FIELDS.customerNote)?.value,
  };
  const parsed = parseInputs(detailsSchema, inputs, { ...DETAIL_FIELDS, note: FIELDS.customerNote });
  const tags = parseTagSubmission(values, tagsOpenedWith(openedBlocks, CUSTOMER_TAGS), CUSTOMER_TAGS);
  if (!parsed.ok || !tags.ok) {
    const errors = { ...(!parsed.ok && parsed.response.errors), ...(!tags.ok && tags.response.errors) };
    return { ok: false, response: { response_action: 'errors', errors } };
  }
  const { note, ...submitted } = parsed.value;
  const shown = detailsOpenedWith(openedBlocks);
  const details = Object.fromEntries(DETAILS.filter((d) => submitted[d] !== shown[d]).map((d) => [d, submitted[d]]));
  return { ok: true, value: { note, addTags: tags.value.add, removeTags: tags.value.remove, details } };
}

// The details as the modal showed them when it opened, read back from the view Slack returns: a box the
// person left as it was changes nothing, whatever was stored meanwhile.
function detailsOpenedWith(blocks: unknown): CustomerDetails {
  const list = Array.isArray(blocks) ? (blocks as { block_id?: unknown; element?: { initial_value?: unknown } }[]) : [];
  const shown = (detail: Detail) => {
    const value = list.find((b) => b?.block_id === DETAIL_FIELDS[detail].blockId)?.element?.initial_value;
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  return { name: shown('name'), email: shown('email'), phone: shown('phone'), address: shown('address') };
}

export function parseProfileMetadata(raw: string): ProfileMetadata {
  return parseOurMetadata(raw, metadataSchema);
}

// The alert did not say who the customer is (no customer.id), so there is no record across conversations.
export function buildNoProfile(): SlackMessage {
  const text = 'The platform did not say who this customer is, so Handoff keeps no profile for them.';
  return { text, blocks: [mrkdwnSection(text)] };
}
