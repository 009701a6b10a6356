import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import Ajv2020 from 'ajv/dist/2020';
import { PRIORITIES } from '../../../src/domain/conversation';
import { HandoffError } from '../../../src/errors';
import {
  buildAssignModal,
  buildTagModal,
  parseAssignSubmission,
  parsePrivateMetadata,
  parseTagSubmission,
  tagsOpenedWith,
  type StateValues,
} from '../../../src/slack/blocks/triage-modals';
import { buildHandBackModal, parseHandBackChoice, parseHandBackSubmission } from '../../../src/slack/blocks/hand-back-modal';
import { FIELDS, VIEWS } from '../../../src/slack/ids';
import schema from '../../fixtures/vendor/slack-block-kit.schema.json';
import { viewProblems } from '../../helpers/block-kit';
import { visibleText } from '../../helpers/block-text';

const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const AGENT = 'U0AGENT42';
const HOSTILE_NAME = '<!channel> & <@U123> <https://evil.example|click>';

// viewProblems checks the blocks; this checks the rest of the view (submit button, title, callback id).
const validateModal = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile({
  $defs: schema.$defs,
  $ref: '#/$defs/modal_view',
});

function problems(view: ModalView): string[] {
  const found = viewProblems(view);
  if (!validateModal(view)) found.push(...(validateModal.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
  return found;
}

type Answer = string | string[] | null;

const isInput = (block: ModalView['blocks'][number]): block is InputBlock => block.type === 'input';

// What Slack sends back in view.state.values when the modal is submitted: every input, holding what the person
// chose or typed (keyed by action id in `answers`), or what it started with, or null when left empty.
function submit(view: ModalView, answers: Record<string, Answer> = {}): StateValues {
  const values: StateValues = {};
  for (const block of view.blocks.filter(isInput)) {
    if (!block.block_id) continue;
    const element = block.element;
    const actionId = 'action_id' in element && element.action_id ? element.action_id : 'missing';
    const answer = answers[actionId];
    values[block.block_id] = { [actionId]: stateOf(element, answer) };
  }
  return values;
}

function stateOf(element: InputBlock['element'], answer: Answer | undefined) {
  const find = (options: PlainTextOption[] | undefined, value: string) => {
    const option = options?.find((o) => o.value === value);
    if (!option) throw new Error(`the modal offers no option ${value}`);
    return option;
  };
  switch (element.type) {
    case 'users_select':
      return { type: element.type, selected_user: answer === undefined ? (element.initial_user ?? null) : (answer as string | null) };
    case 'static_select': {
      const chosen = answer === undefined ? (element.initial_option ?? null) : answer === null ? null : find(element.options, answer as string);
      return { type: element.type, selected_option: chosen as { value: string } | null };
    }
    case 'multi_static_select': {
      const chosen = answer === undefined ? (element.initial_options ?? []) : (answer as string[]).map((v) => find(element.options, v));
      return { type: element.type, selected_options: chosen as { value: string }[] };
    }
    case 'plain_text_input':
      return { type: element.type, value: answer === undefined ? (element.initial_value ?? null) : (answer as string | null) };
    default:
      throw new Error(`no stand-in for ${element.type}`);
  }
}

function inputOf(view: ModalView, blockId: string): InputBlock {
  const block = view.blocks.filter(isInput).find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no input ${blockId}`);
  return block;
}

const hasInput = (view: ModalView, blockId: string) => view.blocks.filter(isInput).some((b) => b.block_id === blockId);

// What the modal says above its inputs.
const shownOf = (view: ModalView) => visibleText(view.blocks);

describe('buildAssignModal', () => {
  const modal = (overrides: Partial<Parameters<typeof buildAssignModal>[0]> = {}) =>
    buildAssignModal({ conversationId: CONVERSATION_ID, customerName: 'Jane Doe', currentAssigneeId: AGENT, priority: 'high', ...overrides });

  it.each(PRIORITIES)('opens as a valid modal for a %s priority conversation', (priority) => {
    expect(problems(modal({ priority }))).toEqual([]);
    expect(problems(modal({ priority, currentAssigneeId: null }))).toEqual([]);
  });

  it('is titled, submitted and routed as the assign modal, and remembers the conversation', () => {
    const view = modal();
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'conversation_assign_view',
      title: { type: 'plain_text', text: 'Assign conversation' },
      submit: { type: 'plain_text', text: 'Assign' },
    });
    expect(VIEWS.assign).toBe('conversation_assign_view');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ conversationId: CONVERSATION_ID });
  });

  it('starts on the current assignee, and on nobody when nobody has it', () => {
    expect(inputOf(modal(), FIELDS.assignUser.blockId).element).toMatchObject({ type: 'users_select', action_id: 'assign_user', initial_user: AGENT });
    expect(inputOf(modal({ currentAssigneeId: null }), FIELDS.assignUser.blockId).element).not.toHaveProperty('initial_user');
  });

  it('does not start on an assignee that is not a Slack user id (Slack would refuse the modal)', () => {
    const view = modal({ currentAssigneeId: 'not a user' });
    expect(inputOf(view, FIELDS.assignUser.blockId).element).not.toHaveProperty('initial_user');
    expect(problems(view)).toEqual([]);
  });

  it('offers the four priorities, starting on the current one', () => {
    const element = inputOf(modal({ priority: 'urgent' }), FIELDS.assignPriority.blockId).element;
    expect(element).toMatchObject({ type: 'static_select', initial_option: { value: 'urgent', text: { text: 'Urgent' } } });
    expect(element.type === 'static_select' && element.options?.map((o) => [o.value, o.text.text])).toEqual([
      ['low', 'Low'],
      ['normal', 'Normal'],
      ['high', 'High'],
      ['urgent', 'Urgent'],
    ]);
  });

  it('takes an optional note of up to 1,000 characters', () => {
    const note = inputOf(modal(), FIELDS.assignNote.blockId);
    expect(note.optional).toBe(true);
    expect(note.element).toMatchObject({ type: 'plain_text_input', action_id: 'assign_note', multiline: true, max_length: 1000 });
    expect(inputOf(modal(), FIELDS.assignUser.blockId).optional).toBeFalsy();
  });

  it('names the customer, literally and clipped', () => {
    expect(shownOf(modal())).toContain('Conversation with Jane Doe');
    const hostile = modal({ customerName: HOSTILE_NAME });
    expect(shownOf(hostile)).toContain('Conversation with (!channel) & (@U123) (https://evil.example|click)');
    expect(JSON.stringify(hostile)).not.toContain('<!channel>');
    const long = modal({ customerName: 'x'.repeat(5_000) });
    expect(shownOf(long)).toContain(`${'x'.repeat(99)}…`);
    expect(problems(long)).toEqual([]);
  });

  it('speaks of an unknown customer when there is no name', () => {
    expect(shownOf(modal({ customerName: '  ' }))).toContain('Conversation with an unknown customer');
  });
});

describe('parseAssignSubmission', () => {
  const view = buildAssignModal({ conversationId: CONVERSATION_ID, customerName: 'Jane', currentAssigneeId: null, priority: 'normal' });

  it('reads who, the note and the priority from what Slack sends back', () => {
    const values = submit(view, { assign_user: AGENT, assign_note: '  Refund approved, call her back  ', assign_priority: 'urgent' });
    expect(parseAssignSubmission(values)).toEqual({ ok: true, value: { assigneeId: AGENT, note: 'Refund approved, call her back', priority: 'urgent' } });
  });

  it('round-trips the modal as opened: current assignee and priority, no note', () => {
    const opened = buildAssignModal({ conversationId: CONVERSATION_ID, customerName: 'Jane', currentAssigneeId: AGENT, priority: 'high' });
    expect(parseAssignSubmission(submit(opened))).toEqual({ ok: true, value: { assigneeId: AGENT, priority: 'high' } });
  });

  it.each([null, '', '   \n  '])('leaves the note out when it is %p', (note) => {
    const parsed = parseAssignSubmission(submit(view, { assign_user: AGENT, assign_note: note }));
    expect(parsed).toEqual({ ok: true, value: { assigneeId: AGENT, priority: 'normal' } });
  });

  it('asks for a person when nobody was chosen', () => {
    expect(parseAssignSubmission(submit(view))).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { assign_user_block: 'Choose who should handle this conversation.' } },
    });
  });

  it('refuses a chosen id that is not a Slack user', () => {
    expect(parseAssignSubmission(submit(view, { assign_user: 'B0BOT' }))).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { assign_user_block: 'Choose a person from your workspace.' } },
    });
  });

  it('puts every problem under its own input', () => {
    const values = submit(view, { assign_user: null, assign_note: 'x'.repeat(1_001), assign_priority: null });
    expect(parseAssignSubmission(values)).toEqual({
      ok: false,
      response: {
        response_action: 'errors',
        errors: {
          assign_user_block: 'Choose who should handle this conversation.',
          assign_note_block: 'Keep the note to 1,000 characters or fewer.',
          assign_priority_block: 'Choose a priority.',
        },
      },
    });
  });

  it('refuses a priority the modal does not offer', () => {
    const values = submit(view, { assign_user: AGENT });
    values[FIELDS.assignPriority.blockId] = { [FIELDS.assignPriority.actionId]: { selected_option: { value: 'critical' } } };
    expect(parseAssignSubmission(values)).toMatchObject({ ok: false, response: { errors: { assign_priority_block: 'Choose a priority.' } } });
  });
});

describe('buildTagModal', () => {
  const modal = (overrides: Partial<Parameters<typeof buildTagModal>[0]> = {}) =>
    buildTagModal({ conversationId: CONVERSATION_ID, customerName: 'Jane Doe', currentTags: ['refund'], knownTags: ['billing', 'refund', 'vip'], ...overrides });
  const select = (view: ModalView) => inputOf(view, FIELDS.tagSelect.blockId).element;
  const optionValues = (view: ModalView) => {
    const element = select(view);
    return element.type === 'multi_static_select' ? (element.options ?? []).map((o) => o.value) : [];
  };

  it('opens as a valid modal with and without tags to choose from', () => {
    expect(problems(modal())).toEqual([]);
    expect(problems(modal({ currentTags: [], knownTags: [] }))).toEqual([]);
    expect(problems(modal({ currentTags: [] }))).toEqual([]);
  });

  it('is titled and routed as the tag modal, and remembers the conversation', () => {
    const view = modal();
    expect(view).toMatchObject({ type: 'modal', callback_id: 'conversation_tag_view', title: { type: 'plain_text', text: 'Tag conversation' } });
    expect(VIEWS.tag).toBe('conversation_tag_view');
    expect(parsePrivateMetadata(view.private_metadata ?? '')).toEqual({ conversationId: CONVERSATION_ID });
  });

  it("offers the workspace's tags once each, with the conversation's own ones selected", () => {
    const view = modal();
    expect(optionValues(view)).toEqual(['refund', 'billing', 'vip']);
    expect(select(view)).toMatchObject({ type: 'multi_static_select', action_id: 'tag_select', initial_options: [{ value: 'refund', text: { text: 'refund' } }] });
    // Optional, so the last tag can be taken off.
    expect(inputOf(view, FIELDS.tagSelect.blockId).optional).toBe(true);
  });

  it('selects nothing when the conversation has no tags yet', () => {
    expect(select(modal({ currentTags: [] }))).not.toHaveProperty('initial_options');
  });

  it('leaves the list out when there is no tag to choose (Slack rejects an empty one) but still takes new tags', () => {
    const view = modal({ currentTags: [], knownTags: [] });
    expect(hasInput(view, FIELDS.tagSelect.blockId)).toBe(false);
    expect(inputOf(view, FIELDS.tagNew.blockId)).toMatchObject({ optional: true, element: { type: 'plain_text_input', action_id: 'tag_new' } });
  });

  it("offers the conversation's own tags even when the workspace list does not have them", () => {
    expect(optionValues(modal({ currentTags: ['legacy'], knownTags: ['vip'] }))).toEqual(['legacy', 'vip']);
  });

  it("offers at most 100 tags, the conversation's own first", () => {
    const knownTags = Array.from({ length: 150 }, (_, i) => `tag ${i}`);
    const view = modal({ currentTags: ['tag 149', 'zzz'], knownTags });
    expect(optionValues(view)).toHaveLength(100);
    expect(optionValues(view).slice(0, 3)).toEqual(['tag 149', 'zzz', 'tag 0']);
    expect(problems(view)).toEqual([]);
  });

  it('leaves out tags too long to be an option', () => {
    const view = modal({ currentTags: ['y'.repeat(51)], knownTags: ['x'.repeat(50), 'y'.repeat(51), ''] });
    expect(optionValues(view)).toEqual(['x'.repeat(50)]);
    expect(problems(view)).toEqual([]);
  });

  it('shows hostile tags and names as harmless text', () => {
    const view = modal({ customerName: HOSTILE_NAME, currentTags: ['<!here>'], knownTags: ['a & b', '100%'] });
    expect(problems(view)).toEqual([]);
    expect(shownOf(view)).toContain('(!channel)');
    const element = select(view);
    const texts = element.type === 'multi_static_select' ? (element.options ?? []).map((o) => o.text.text) : [];
    expect(texts).toEqual(['(!here)', 'a & b', '100%']);
    expect(optionValues(view)).toEqual(['%3C!here%3E', 'a & b', '100%25']);
  });

  it('reads the exact tags back from the encoded option values', () => {
    const view = modal({ currentTags: ['<!here>', '100%'], knownTags: ['%3C'] });
    expect(tagsOpenedWith(view.blocks)).toEqual(['<!here>', '100%']);
    const values = submit(view, { tag_select: ['%3C!here%3E', '%253C'] });
    expect(parseTagSubmission(values, tagsOpenedWith(view.blocks))).toEqual({ ok: true, value: { add: ['%3C'], remove: ['100%'] } });
  });
});

describe('parseTagSubmission', () => {
  const opened = (currentTags: string[], knownTags: string[] = []) =>
    buildTagModal({ conversationId: CONVERSATION_ID, customerName: 'Jane', currentTags, knownTags });

  it('changes nothing when submitted as opened', () => {
    const view = opened(['refund', 'vip'], ['billing']);
    expect(parseTagSubmission(submit(view), ['refund', 'vip'])).toEqual({ ok: true, value: { add: [], remove: [] } });
  });

  it('adds newly selected and typed tags, and removes the ones unselected', () => {
    const view = opened(['refund', 'vip'], ['billing']);
    const values = submit(view, { tag_select: ['vip', 'billing'], tag_new: 'late delivery, Damaged box' });
    expect(parseTagSubmission(values, ['refund', 'vip'])).toEqual({
      ok: true,
      value: { add: ['billing', 'late delivery', 'Damaged box'], remove: ['refund'] },
    });
  });

  it('keeps the case people type but trims, collapses spaces and drops empty entries', () => {
    const values = submit(opened([]), { tag_new: ' ,  Late\n  delivery\t,,VIP , ' });
    expect(parseTagSubmission(values, [])).toEqual({ ok: true, value: { add: ['Late delivery', 'VIP'], remove: [] } });
  });

  it('adds a typed tag once, in the spelling the conversation already uses', () => {
    const view = opened(['vip'], ['billing']);
    const values = submit(view, { tag_select: ['billing'], tag_new: 'VIP, Billing, refund, REFUND' });
    // "VIP" keeps the unselected "vip" rather than replacing it; "Billing" is the selected "billing".
    expect(parseTagSubmission(values, ['vip'])).toEqual({ ok: true, value: { add: ['billing', 'refund'], remove: [] } });
  });

  it('removes nothing when the modal had no list to unselect from', () => {
    const values = submit(opened([]), { tag_new: 'vip' });
    expect(parseTagSubmission(values, ['refund'])).toEqual({ ok: true, value: { add: ['vip'], remove: [] } });
  });

  it('never removes a tag the list could not show', () => {
    const long = 'y'.repeat(51);
    const values = submit(opened(['refund', long]), { tag_select: [] });
    expect(parseTagSubmission(values, ['refund', long])).toEqual({ ok: true, value: { add: [], remove: ['refund'] } });
  });

  it('refuses a typed tag over 50 characters, naming it', () => {
    const values = submit(opened([]), { tag_new: `ok, ${'a'.repeat(51)}` });
    expect(parseTagSubmission(values, [])).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { tag_new_block: `Keep each tag to 50 characters or fewer: “${'a'.repeat(29)}…” is longer.` } },
    });
  });

  it('accepts a tag of exactly 50 characters', () => {
    const values = submit(opened([]), { tag_new: 'a'.repeat(50) });
    expect(parseTagSubmission(values, [])).toEqual({ ok: true, value: { add: ['a'.repeat(50)], remove: [] } });
  });

  it('refuses more than 100 tags on one conversation', () => {
    const typed = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
    expect(parseTagSubmission(submit(opened([]), { tag_new: typed }), [])).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { tag_new_block: 'A conversation can have at most 100 tags.' } },
    });
  });
});

describe('tagsOpenedWith', () => {
  const opened = (currentTags: string[], knownTags: string[]) =>
    buildTagModal({ conversationId: CONVERSATION_ID, customerName: 'Jane Doe', currentTags, knownTags }).blocks;

  it('reads back the tags the modal showed as selected', () => {
    expect(tagsOpenedWith(opened(['refund', 'vip'], ['billing']))).toEqual(['refund', 'vip']);
  });

  it('finds none when the modal had no list, or selected nothing', () => {
    expect(tagsOpenedWith(opened([], []))).toEqual([]);
    expect(tagsOpenedWith(opened([], ['billing']))).toEqual([]);
  });

  it('finds none in a view that is not ours', () => {
    expect(tagsOpenedWith(undefined)).toEqual([]);
    expect(tagsOpenedWith([{ type: 'input', block_id: FIELDS.tagSelect.blockId, element: { initial_options: [{ value: 7 }] } }])).toEqual([]);
  });

  it('lets a submission remove exactly the tags the person saw selected and unselected', () => {
    const blocks = opened(['refund', 'vip'], ['billing']);
    const values: StateValues = { [FIELDS.tagSelect.blockId]: { [FIELDS.tagSelect.actionId]: { selected_options: [{ value: 'vip' }] } } };
    expect(parseTagSubmission(values, tagsOpenedWith(blocks))).toEqual({ ok: true, value: { add: [], remove: ['refund'] } });
  });
});

describe('parsePrivateMetadata', () => {
  it('reads back the conversation the modal was opened for', () => {
    const view = buildAssignModal({ conversationId: CONVERSATION_ID, customerName: 'Jane', currentAssigneeId: null, priority: 'low' });
    expect(parsePrivateMetadata(view.private_metadata ?? '')).toEqual({ conversationId: CONVERSATION_ID });
  });

  it.each(['', 'not json', '{}', '{"conversationId":42}', '{"conversationId":"conv-981"}', 'null'])('refuses %p as not ours', (raw) => {
    expect(() => parsePrivateMetadata(raw)).toThrow(HandoffError);
    expect(() => parsePrivateMetadata(raw)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});

describe('buildHandBackModal', () => {
  const modal = (handBack: 'close' | 'restore', customerName = 'Jane Doe') => buildHandBackModal({ conversationId: CONVERSATION_ID, customerName, handBack });

  it.each(['close', 'restore'] as const)('opens as a valid modal to %s with a note', (handBack) => {
    expect(problems(modal(handBack))).toEqual([]);
    expect(problems(modal(handBack, HOSTILE_NAME))).toEqual([]);
    expect(JSON.parse(modal(handBack).private_metadata ?? '')).toEqual({ conversationId: CONVERSATION_ID });
  });

  it('is routed and labelled for what it does', () => {
    expect(modal('close')).toMatchObject({ callback_id: VIEWS.closeWithNote, title: { text: 'Close conversation' }, submit: { text: 'Close' } });
    expect(modal('restore')).toMatchObject({ callback_id: VIEWS.restoreWithNote, title: { text: 'Restore to AI' }, submit: { text: 'Restore to AI' } });
  });

  it('takes an optional note of up to 1,000 characters', () => {
    const note = inputOf(modal('close'), FIELDS.handBackNote.blockId);
    expect(note).toMatchObject({ optional: true, label: { text: 'Note for the AI' }, element: { type: 'plain_text_input', multiline: true, max_length: 1000 } });
  });

  it('names the customer, literally', () => {
    const view = modal('restore', HOSTILE_NAME);
    expect(shownOf(view)).toContain('(!channel) & (@U123)');
    expect(JSON.stringify(view)).not.toContain('<!channel>');
  });

  it('reads the note back trimmed, and no note when left empty or blank', () => {
    const view = modal('close');
    expect(parseHandBackSubmission(submit(view, { hand_back_note: "  Refund issued, don't offer another \n" }))).toEqual({
      ok: true,
      value: { note: "Refund issued, don't offer another" },
    });
    expect(parseHandBackSubmission(submit(view))).toEqual({ ok: true, value: {} });
    expect(parseHandBackSubmission(submit(view, { hand_back_note: '   ' }))).toEqual({ ok: true, value: {} });
  });

  it('keeps the modal open under the note when it is too long', () => {
    expect(parseHandBackSubmission(submit(modal('close'), { hand_back_note: 'x'.repeat(1001) }))).toEqual({
      ok: false,
      response: { response_action: 'errors', errors: { hand_back_note_block: 'Keep the note to 1,000 characters or fewer.' } },
    });
  });

  it('reads which hand-back the menu chose, and nothing from a value it did not make', () => {
    expect(parseHandBackChoice(`restore:${CONVERSATION_ID}`)).toEqual({ handBack: 'restore', conversationId: CONVERSATION_ID });
    expect(parseHandBackChoice(`close:${CONVERSATION_ID}`)).toEqual({ handBack: 'close', conversationId: CONVERSATION_ID });
    for (const value of [`reopen:${CONVERSATION_ID}`, CONVERSATION_ID, 'close:', undefined]) expect(parseHandBackChoice(value)).toBeNull();
  });
});
