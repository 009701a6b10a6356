import type { InputBlock, ModalView, MultiStaticSelect, PlainTextElement, PlainTextOption, RichTextText } from '@slack/types';
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../domain/conversation';
import { normaliseTag } from '../../domain/tags';
import { HandoffError } from '../../errors';
import { FIELDS, SLACK_USER_ID, VIEWS } from '../ids';
import { clip, clipPlain } from './escape';
import { bold, literalOr, plainLiteral, richText, words } from './rich-text';

export const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

export const MAX_NOTE = 1_000;

const MAX = {
  customerName: 100,
  note: MAX_NOTE,
  tag: 50,
  // Slack refuses a select with more options than this.
  tagOptions: 100,
  optionText: 75,
  newTags: 1_000,
  tagInError: 30,
} as const;

export interface AssignModalInput {
  conversationId: string;
  customerName: string;
  currentAssigneeId: string | null;
  priority: Priority;
}

export interface TagModalInput {
  conversationId: string;
  customerName: string;
  currentTags: string[];
  knownTags: string[];
}

export interface AssignSubmission {
  assigneeId: string;
  note?: string;
  priority: Priority;
}

export interface TagSubmission {
  add: string[];
  remove: string[];
}

export interface PrivateMetadata {
  conversationId: string;
}

// The two inputs of a tag picker: the list of tags offered, and a box for new ones; and what the tags are of,
// for the message that says how many it may have.
export interface TagFields {
  select: { blockId: string; actionId: string };
  typed: { blockId: string; actionId: string };
  of: string;
}

const CONVERSATION_TAGS: TagFields = { select: FIELDS.tagSelect, typed: FIELDS.tagNew, of: 'conversation' };

// What a listener acks a view_submission with so Slack shows each message under its input.
export interface FieldErrors {
  response_action: 'errors';
  errors: Record<string, string>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: FieldErrors };

// The part of a view_submission's `view.state.values` our inputs produce: block id → action id → state.
// An input left empty arrives as null; a multi-select left empty as [].
export type StateValues = Record<
  string,
  Record<
    string,
    {
      selected_user?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
      value?: string | null;
    }
  >
>;

const privateMetadataSchema = z.object({ conversationId: z.guid() });

const assignSchema = z.object({
  assigneeId: z
    .string({ error: 'Choose who should handle this conversation.' })
    .regex(SLACK_USER_ID, { error: 'Choose a person from your workspace.' }),
  note: z
    .string()
    .trim()
    .max(MAX.note, { error: `Keep the note to ${MAX.note.toLocaleString('en')} characters or fewer.` })
    .nullish()
    .transform((note) => note || undefined),
  priority: z.enum(PRIORITIES, { error: 'Choose a priority.' }),
});

const tagSchema = z.object({
  // Null when the modal had no list of tags to choose from.
  selected: z.array(z.string()).nullable(),
  typed: z
    .string()
    .nullish()
    .transform((text) => (text ?? '').split(',').map(normaliseTag).filter((tag) => tag !== ''))
    .pipe(
      z.array(
        z.string().max(MAX.tag, {
          error: (issue) => `Keep each tag to ${MAX.tag} characters or fewer: “${clip(String(issue.input), MAX.tagInError)}” is longer.`,
        }),
      ),
    ),
});

export function buildAssignModal(c: AssignModalInput): ModalView {
  const assignee = c.currentAssigneeId && SLACK_USER_ID.test(c.currentAssigneeId) ? c.currentAssigneeId : null;
  const priorityOption = (p: Priority) => option(PRIORITY_LABEL[p], p);
  return {
    type: 'modal',
    callback_id: VIEWS.assign,
    private_metadata: privateMetadata(c.conversationId),
    title: plain('Assign conversation'),
    submit: plain('Assign'),
    close: plain('Cancel'),
    blocks: [
      conversationLine(c.customerName),
      input(FIELDS.assignUser, 'Assign to', {
        type: 'users_select',
        action_id: FIELDS.assignUser.actionId,
        placeholder: plain('Choose a team member'),
        ...(assignee && { initial_user: assignee }),
      }),
      input(
        FIELDS.assignNote,
        'Note for them',
        {
          type: 'plain_text_input',
          action_id: FIELDS.assignNote.actionId,
          multiline: true,
          max_length: MAX.note,
          placeholder: plain('What should they know before they reply?'),
        },
        { optional: true },
      ),
      input(FIELDS.assignPriority, 'Priority', {
        type: 'static_select',
        action_id: FIELDS.assignPriority.actionId,
        options: PRIORITIES.map(priorityOption),
        initial_option: priorityOption(c.priority),
      }),
    ],
  };
}

export function buildTagModal(c: TagModalInput): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.tag,
    private_metadata: privateMetadata(c.conversationId),
    title: plain('Tag conversation'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      conversationLine(c.customerName),
      ...tagPicker(CONVERSATION_TAGS, c.currentTags, c.knownTags, 'refund, vip'),
    ],
  };
}

// The tags there are (selected) and others used before to choose from, and a box for new ones.
export function tagPicker(fields: TagFields, currentTags: string[], knownTags: string[], example: string, label = 'Tags'): InputBlock[] {
  return [
    ...tagList(fields, offeredTags(currentTags, knownTags), currentTags, label),
    input(
      fields.typed,
      `New ${label.toLowerCase()}`,
      { type: 'plain_text_input', action_id: fields.typed.actionId, max_length: MAX.newTags, placeholder: plain(example) },
      { optional: true, hint: plain(`Comma-separated, up to ${MAX.tag} characters each.`) },
    ),
  ];
}

export function parseAssignSubmission(values: StateValues): Parsed<AssignSubmission> {
  const inputs = {
    assigneeId: stateOf(values, FIELDS.assignUser)?.selected_user,
    note: stateOf(values, FIELDS.assignNote)?.value,
    priority: stateOf(values, FIELDS.assignPriority)?.selected_option?.value,
  };
  const blocks = { assigneeId: FIELDS.assignUser, note: FIELDS.assignNote, priority: FIELDS.assignPriority };
  return parseInputs(assignSchema, inputs, blocks);
}

// A tag is removed only when the list offered it and it was left unselected. Pass the tags the modal was opened
// with where you can: against the tags as they are now, one a colleague added meanwhile counts as unselected.
// A typed tag that differs from a current or selected one only in case takes its spelling, so "VIP" does not
// end up next to "vip".
export function parseTagSubmission(values: StateValues, currentTags: string[], fields: TagFields = CONVERSATION_TAGS): Parsed<TagSubmission> {
  const inputs = {
    selected: stateOf(values, fields.select)?.selected_options?.map((o) => tagOfValue(o.value)) ?? null,
    typed: stateOf(values, fields.typed)?.value,
  };
  const parsed = parseInputs(tagSchema, inputs, { selected: fields.select, typed: fields.typed });
  if (!parsed.ok) return parsed;
  const { selected, typed } = parsed.value;
  const spelling = new Map<string, string>();
  for (const tag of [...currentTags, ...(selected ?? []), ...typed]) {
    if (!spelling.has(tag.toLowerCase())) spelling.set(tag.toLowerCase(), tag);
  }
  const kept = new Set([...(selected ?? []), ...typed.map((tag) => spelling.get(tag.toLowerCase()) ?? tag)]);
  if (kept.size > MAX.tagOptions) {
    // More could not all be offered next time, and a tag left off the list can no longer be taken off.
    return fieldError(fields.typed, `A ${fields.of} can have at most ${MAX.tagOptions} tags.`);
  }
  const current = new Set(currentTags);
  const removable = selected === null ? [] : offeredTags(currentTags, []);
  return {
    ok: true,
    value: { add: [...kept].filter((tag) => !current.has(tag)), remove: removable.filter((tag) => !kept.has(tag)) },
  };
}

// The tags the modal showed as selected when it opened, read back from the view Slack returns with the
// submission: the tags the person saw, which is what leaving one unselected removes.
export function tagsOpenedWith(blocks: unknown, fields: TagFields = CONVERSATION_TAGS): string[] {
  if (!Array.isArray(blocks)) return [];
  const list = blocks.find((b) => (b as { block_id?: unknown })?.block_id === fields.select.blockId) as
    | { element?: { initial_options?: { value?: unknown }[] } }
    | undefined;
  return (list?.element?.initial_options ?? [])
    .map((o) => o.value)
    .filter((v): v is string => typeof v === 'string')
    .map(tagOfValue);
}

// Our own private_metadata coming back: anything else means the payload was not made by us.
export function parsePrivateMetadata(raw: string): PrivateMetadata {
  return parseOurMetadata(raw, privateMetadataSchema);
}

export function parseOurMetadata<S extends z.ZodType>(raw: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new HandoffError('invalid_request', 'The modal was not opened by Handoff: its private_metadata is unreadable');
  return result.data;
}

// Shared with the direct messages, so a customer is called the same everywhere: their name as they gave it,
// shown literally, in our bold.
export function customerLabel(customerName: string): RichTextText {
  return bold(literalOr(customerName, MAX.customerName, 'an unknown customer').text);
}

// Slack rejects a select without options, so there is no list until the workspace has a tag. Optional, or
// nobody could take the last tag off.
function tagList(fields: TagFields, offered: string[], currentTags: string[], label: string): InputBlock[] {
  if (offered.length === 0) return [];
  const initial = offered.filter((tag) => currentTags.includes(tag)).map(tagOption);
  const element: MultiStaticSelect = {
    type: 'multi_static_select',
    action_id: fields.select.actionId,
    placeholder: plain(`Choose ${label.toLowerCase()}`),
    options: offered.map(tagOption),
    ...(initial.length > 0 && { initial_options: initial }),
  };
  return [input(fields.select, label, element, { optional: true })];
}

// Current tags first, so every tag the conversation has is on the list (and can be taken off) before the
// workspace's other tags fill the rest. Tags too long to be an option, or with nothing visible to show as one,
// are left out, and so never removed.
function offeredTags(currentTags: string[], knownTags: string[]): string[] {
  return [...new Set([...currentTags, ...knownTags])].filter(fitsAsOption).slice(0, MAX.tagOptions);
}

export function fitsAsOption(tag: string): boolean {
  return tag.length <= MAX.tag && clipPlain(tag, MAX.optionText).trim() !== '';
}

export function stateOf(values: StateValues, field: { blockId: string; actionId: string }) {
  return values[field.blockId]?.[field.actionId];
}

export function parseInputs<S extends z.ZodObject>(
  schema: S,
  inputs: Record<keyof z.input<S>, unknown>,
  fields: Record<keyof z.input<S>, { blockId: string }>,
): Parsed<z.output<S>> {
  const result = schema.safeParse(inputs);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const blockId = fields[issue.path[0] as keyof z.input<S>].blockId;
    errors[blockId] ??= issue.message;
  }
  return { ok: false, response: { response_action: 'errors', errors } };
}

// The submission could not be stored: the modal stays open, with what the person entered, under its first input.
export function buildSubmitAgain(blocks: readonly unknown[]): FieldErrors {
  return underFirstInput(blocks, 'Handoff could not save this just now. Submit again in a moment.');
}

// The conversation is gone (purged) or was never this workspace's: submitting again would never help, and a
// modal has no channel to be told in, so it says so where the person is looking.
export function buildGoneFromModal(blocks: readonly unknown[]): FieldErrors {
  return underFirstInput(blocks, 'This conversation is no longer in Handoff. Close this form.');
}

function underFirstInput(blocks: readonly unknown[], message: string): FieldErrors {
  const input = blocks.find((b) => (b as { type?: unknown }).type === 'input') as { block_id?: string } | undefined;
  return { response_action: 'errors', errors: { [input?.block_id ?? FIELDS.assignUser.blockId]: message } };
}

export function fieldError(field: { blockId: string }, message: string): Parsed<never> {
  return { ok: false, response: { response_action: 'errors', errors: { [field.blockId]: message } } };
}

export function conversationLine(customerName: string) {
  return richText([words('Conversation with '), customerLabel(customerName)]);
}

export function input(
  field: { blockId: string },
  label: string,
  element: InputBlock['element'],
  more: Pick<InputBlock, 'optional' | 'hint'> = {},
): InputBlock {
  return { type: 'input', block_id: field.blockId, label: plain(label), element, ...more };
}

export function tagOption(tag: string): PlainTextOption {
  return literalOption(tag, MAX.optionText, tagValue(tag));
}

// The value brings the exact tag back with the submission. Slack never shows it, but it is part of what we send,
// so the brackets are percent-encoded (and % itself, to decode unambiguously): no payload of ours carries a
// `<…>` sequence it did not build. A 50-character tag of brackets still fits Slack's 150 for a value.
function tagValue(tag: string): string {
  return tag.replace(/[%<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function tagOfValue(value: string): string {
  return value.replace(/%(25|3C|3E)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

// An option whose text someone else wrote (a tag, a saved reply's title): shown as typed, emoji codes too.
export function literalOption(text: string, max: number, value: string): PlainTextOption {
  return { text: plainLiteral(text, max, 'Untitled'), value };
}

export function plain(text: string): PlainTextElement {
  return { type: 'plain_text', text };
}

export function privateMetadata(conversationId: string): string {
  return JSON.stringify({ conversationId } satisfies PrivateMetadata);
}
