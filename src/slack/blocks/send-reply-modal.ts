import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { PLACEHOLDERS } from '../../domain/placeholders';
import { FIELDS, VIEWS } from '../ids';
import { mrkdwnContext, verbatimMrkdwn } from './escape';
import { plainLiteral } from './rich-text';
import { buildRelayWarning } from './relay-feedback';
import { savedReplyChoices, MAX_REPLY_OPTIONS } from './reply-options';
import { customerLabel, plain, type StateValues } from './triage-modals';
import type { SlackMessage } from './triage-messages';
import type { SendOutcome } from '../../domain/send-outcome';

// Slack's longest plain-text input.
export const MAX_REPLY_TEXT = 3_000;
// A context block's text; the preview is the saved reply's text (at most MAX_REPLY_TEXT) filled in.
const MAX_PREVIEW = 2_900;

export interface SendReplyModal {
  conversationId: string;
  customerName: string;
  // The saved replies to pick from; absent when editing the AI's suggestion.
  replies?: { id: string; title: string }[];
  pickedId?: string;
  text: string;
  // The picked reply as the customer would read it, its placeholders filled in.
  preview?: string | null;
  suggestionId?: string;
}

const metadataSchema = z.object({ conversationId: z.guid(), suggestionId: z.guid().optional() });
export type SendReplyMetadata = z.infer<typeof metadataSchema>;

export function parseSendReplyMetadata(raw: string): SendReplyMetadata {
  return metadataSchema.parse(JSON.parse(raw));
}

// The text input's block id names the reply it was filled from: Slack keeps what a person typed in an input
// whose block id stays the same, so a new pick gets a new block to show its text.
function textBlockId(pickedId: string | undefined): string {
  return pickedId ? `${FIELDS.replyText.blockId}:${pickedId}` : FIELDS.replyText.blockId;
}

// Picking a saved reply (shown as this customer would read it) or editing the AI's suggestion, then
// sending it to the customer as the agent.
export function buildSendReplyModal(m: SendReplyModal): ModalView {
  const blocks: KnownBlock[] = [{ type: 'context', elements: [plainLiteral(`To ${customerLabel(m.customerName).text}`, MAX_PREVIEW, 'To the customer')] }];
  if (m.replies) {
    const { choices, picked } = savedReplyChoices(m.replies, m.pickedId);
    if (m.replies.length === 0) {
      blocks.push(mrkdwnContext('Your team has no saved replies yet. Add them with `/handoff replies`, or write the reply here.'));
    } else {
      blocks.push({
        type: 'section',
        block_id: FIELDS.replyPick.blockId,
        text: { type: 'mrkdwn', text: '*Saved reply*' },
        accessory: {
          type: 'static_select',
          action_id: FIELDS.replyPick.actionId,
          placeholder: plain('Choose a reply'),
          ...choices,
          ...(picked && { initial_option: picked }),
        },
      });
      if (m.replies.length > MAX_REPLY_OPTIONS) blocks.push(mrkdwnContext(`The first ${MAX_REPLY_OPTIONS} saved replies by title are offered here.`));
    }
  }
  blocks.push({
    type: 'input',
    block_id: textBlockId(m.pickedId),
    label: plain('Message to the customer'),
    element: {
      type: 'plain_text_input',
      action_id: FIELDS.replyText.actionId,
      multiline: true,
      max_length: MAX_REPLY_TEXT,
      ...(m.text && { initial_value: clipPlainInput(m.text) }),
    },
    hint: plain(`Sent as you, and it takes the conversation over. Placeholders, filled in when it is sent: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`),
  });
  const length = Array.from(m.text).length;
  if (length > MAX_REPLY_TEXT) {
    // The AI may draft up to 4,000 characters: the agent must know the box lost the end of it.
    const send = m.suggestionId ? ' Send on the suggestion in the thread sends it whole.' : '';
    blocks.push(mrkdwnContext(`:warning: The draft is ${length} characters and the box holds ${MAX_REPLY_TEXT}, so its end is cut off here.${send}`));
  }
  if (m.preview) blocks.push({ type: 'context', elements: [verbatimMrkdwn('*The customer reads:*'), plainLiteral(m.preview, MAX_PREVIEW, '(nothing)')] });
  return {
    type: 'modal',
    callback_id: VIEWS.sendReply,
    private_metadata: JSON.stringify({ conversationId: m.conversationId, ...(m.suggestionId && { suggestionId: m.suggestionId }) }),
    title: plain(m.suggestionId ? 'Edit and send' : 'Saved reply'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}

// An input's initial value is shown as typed (no mrkdwn), but must fit the input.
function clipPlainInput(text: string): string {
  return Array.from(text).slice(0, MAX_REPLY_TEXT).join('');
}

// Whichever text block the modal holds, where its errors are shown too.
export function sentTextBlockId(values: StateValues): string {
  return Object.keys(values).find((id) => id === FIELDS.replyText.blockId || id.startsWith(`${FIELDS.replyText.blockId}:`)) ?? FIELDS.replyText.blockId;
}

// The text the agent sent.
export function sentText(values: StateValues): string {
  return values[sentTextBlockId(values)]?.[FIELDS.replyText.actionId]?.value?.trim() ?? '';
}

type NotSent = Exclude<SendOutcome, { sent: true } | { why: 'repeated' }>;

// Why a message was not sent, in words for the agent: under the text in the modal, or privately in the channel.
export function notSentReason(outcome: NotSent): string {
  switch (outcome.why) {
    case 'gone':
      return 'This conversation is no longer in Handoff.';
    case 'closed':
      return 'This conversation is closed, so nothing was sent. Reopen it to write to the customer.';
    case 'suggestion_taken':
      return 'This suggestion was already sent, or a newer one replaced it. Nothing was sent.';
    case 'not_allowed':
      return outcome.reason;
    case 'undeliverable':
      return outcome.problem.problem === 'too_long'
        ? `Too long for this channel: ${outcome.problem.length} characters, at most ${outcome.problem.limit}.`
        : "The customer's reply window has closed, so the platform would refuse it.";
    case 'unknown_placeholders':
      return outcome.message;
  }
}

export function buildNotSent(outcome: NotSent): SlackMessage {
  if (outcome.why === 'undeliverable') return buildRelayWarning(outcome.channelType, outcome.problem);
  const text = notSentReason(outcome);
  return { text, blocks: [{ type: 'section', text: { type: 'plain_text', text, emoji: false } }] };
}

// Picked in the picker just after a colleague deleted it from the library.
export function buildSavedReplyGone(): SlackMessage {
  const text = 'That saved reply was just deleted. Choose another, or write the reply yourself.';
  return { text, blocks: [{ type: 'section', text: { type: 'plain_text', text, emoji: false } }] };
}
