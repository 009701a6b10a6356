import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { describeUnknown, PLACEHOLDERS, unknownPlaceholders } from '../../domain/placeholders';
import { FIELDS, SAVED_REPLY_ACTIONS, VIEWS } from '../ids';
import { clipPlain, mrkdwnContext } from './escape';
import { bold, literalOr, plainLiteral, quoted } from './rich-text';
import { savedReplyChoices } from './reply-options';
import { MAX_REPLY_TEXT } from './send-reply-modal';
import { plain, type Parsed, type StateValues } from './triage-modals';

export interface SavedReplyItem {
  id: string;
  title: string;
  text: string;
}

// Each reply takes two blocks of the modal's hundred.
const MAX_LISTED = 45;
const MAX_PREVIEW = 300;
export const MAX_TITLE = 75;

const PLACEHOLDER_HELP = `Placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}. A customer without a name is greeted as "there".`;

// The team's library: every reply with Edit and Delete, and Add reply. Titles and texts are the team's own
// but still shown literally, so a reply reading "<!channel> *now*" shows as written, pinging and formatting
// nothing. Past what one modal lists, a menu of every reply brings the one chosen (`chosenId`) to the top,
// with its Edit and Delete.
export function buildSavedRepliesModal(all: SavedReplyItem[], chosenId?: string): ModalView {
  const chosen = all.find((r) => r.id === chosenId);
  const replies = chosen ? [chosen, ...all.filter((r) => r !== chosen)] : all;
  const listed = replies.slice(0, MAX_LISTED).flatMap((r): KnownBlock[] => [
    quoted([literalOr(r.text, MAX_PREVIEW, '(no text)')], [bold(literalOr(r.title, MAX_TITLE, 'Untitled').text)]),
    {
      type: 'actions',
      elements: [
        { type: 'button', text: plain('Edit'), action_id: SAVED_REPLY_ACTIONS.edit, value: r.id },
        {
          type: 'button',
          text: plain('Delete'),
          style: 'danger',
          action_id: SAVED_REPLY_ACTIONS.delete,
          value: r.id,
          confirm: {
            title: plain('Delete this reply?'),
            text: plainLiteral(`"${clipPlain(r.title, MAX_TITLE)}" is removed for the whole team.`, MAX_TITLE + 40, 'It is removed for the whole team.'),
            confirm: plain('Delete'),
            deny: plain('Keep it'),
            style: 'danger',
          },
        },
      ],
    },
  ]);
  const { choices, picked } = savedReplyChoices(all, chosenId);
  const more: KnownBlock[] =
    replies.length > MAX_LISTED
      ? [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `*${replies.length - MAX_LISTED} more* not listed here. Find one to edit or delete:` },
            accessory: { type: 'static_select', action_id: SAVED_REPLY_ACTIONS.find, placeholder: plain('Choose a reply'), ...choices, ...(picked && { initial_option: picked }) },
          },
        ]
      : [];
  const empty = replies.length === 0 ? [mrkdwnContext('No saved replies yet. Add the answers your team gives most.')] : [];
  return {
    type: 'modal',
    callback_id: VIEWS.savedReplies,
    title: plain('Saved replies'),
    close: plain('Done'),
    blocks: [
      { type: 'actions', elements: [{ type: 'button', text: plain('Add reply'), style: 'primary', action_id: SAVED_REPLY_ACTIONS.add, value: 'new' }] },
      ...empty,
      ...more,
      ...listed,
      mrkdwnContext(PLACEHOLDER_HELP),
    ],
  };
}

// Adding a reply, or changing one (`reply` given).
export function buildSavedReplyEditor(reply?: SavedReplyItem): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.savedReplyEditor,
    private_metadata: JSON.stringify(reply ? { replyId: reply.id } : {}),
    title: plain(reply ? 'Edit saved reply' : 'Add saved reply'),
    submit: plain('Save'),
    close: plain('Back'),
    blocks: [
      {
        type: 'input',
        block_id: FIELDS.savedReplyTitle.blockId,
        label: plain('Title'),
        element: {
          type: 'plain_text_input',
          action_id: FIELDS.savedReplyTitle.actionId,
          max_length: MAX_TITLE,
          ...(reply && { initial_value: clipPlain(reply.title, MAX_TITLE) }),
        },
      },
      {
        type: 'input',
        block_id: FIELDS.savedReplyText.blockId,
        label: plain('Text'),
        element: {
          type: 'plain_text_input',
          action_id: FIELDS.savedReplyText.actionId,
          multiline: true,
          max_length: MAX_REPLY_TEXT,
          ...(reply && { initial_value: Array.from(reply.text).slice(0, MAX_REPLY_TEXT).join('') }),
        },
        hint: plain(PLACEHOLDER_HELP),
      },
    ],
  };
}

const editorMetadata = z.object({ replyId: z.guid().optional() });

export function parseEditorMetadata(raw: string): { replyId?: string } {
  return editorMetadata.parse(JSON.parse(raw || '{}'));
}

// A title and a text, with no placeholder the picker could not fill.
export function parseSavedReplyEditor(values: StateValues): Parsed<{ title: string; text: string }> {
  const title = values[FIELDS.savedReplyTitle.blockId]?.[FIELDS.savedReplyTitle.actionId]?.value?.trim() ?? '';
  const text = values[FIELDS.savedReplyText.blockId]?.[FIELDS.savedReplyText.actionId]?.value?.trim() ?? '';
  const errors: Record<string, string> = {};
  if (!title) errors[FIELDS.savedReplyTitle.blockId] = 'Give the reply a title.';
  // Slack's inputs hold no more, but a submission is not bound by them: a longer text would be cut unseen in
  // the message box it is picked into.
  if (Array.from(title).length > MAX_TITLE) errors[FIELDS.savedReplyTitle.blockId] = `At most ${MAX_TITLE} characters.`;
  if (!text) errors[FIELDS.savedReplyText.blockId] = 'Write the reply.';
  if (Array.from(text).length > MAX_REPLY_TEXT) errors[FIELDS.savedReplyText.blockId] = `At most ${MAX_REPLY_TEXT} characters.`;
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) errors[FIELDS.savedReplyText.blockId] = describeUnknown(unknown);
  if (Object.keys(errors).length > 0) return { ok: false, response: { response_action: 'errors', errors } };
  return { ok: true, value: { title, text } };
}
