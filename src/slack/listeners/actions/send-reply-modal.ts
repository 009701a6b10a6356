import type { AllMiddlewareArgs, BlockButtonAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { findSuggestion } from '../../../db/repositories/suggestions';
import { conversationById, type ConversationRef } from '../../../services/find-conversation';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { mayReplyToCustomers, savedRepliesOf, savedReplyDraft } from '../../../services/saved-replies';
import type { Tenancy } from '../../../workspaces/tenancy';
import { slackErrorCode } from '../../errors';
import { buildNotSent, buildSavedReplyGone, buildSendReplyModal, parseSendReplyMetadata } from '../../blocks/send-reply-modal';
import { buildAuthorityDenied, buildConversationGone, type SlackMessage } from '../../blocks/triage-messages';
import { answerFailure, toDirectMessages } from '../tell-privately';

const id = z.uuid();

type Opening = (deps: RelayDeps, tenancy: Tenancy, value: string) => Promise<{ conversation: ConversationRef; view: ModalView } | SlackMessage>;

// Saved reply on the alert: the picker, with the team's replies and an empty text until one is chosen.
const savedReplyPicker: Opening = async (deps, tenancy, value) => {
  const conversation = await conversationById(deps, tenancy, id.parse(value));
  if (!conversation) return buildConversationGone();
  const replies = (await savedRepliesOf(deps, tenancy)).map((r) => ({ id: r.id, title: r.title }));
  return { conversation, view: buildSendReplyModal({ conversationId: conversation.id, customerName: conversation.customerName, replies, text: '' }) };
};

// Edit and send on the AI's suggestion: its text, to change before sending.
const suggestionEditor: Opening = async (deps, tenancy, value) => {
  const suggestion = await findSuggestion(deps.db, id.parse(value));
  const conversation = suggestion && (await conversationById(deps, tenancy, suggestion.conversationId));
  if (!suggestion || !conversation) return buildConversationGone();
  if (suggestion.state !== 'offered') return buildNotSent({ sent: false, why: 'suggestion_taken' });
  const view = buildSendReplyModal({ conversationId: conversation.id, customerName: conversation.customerName, text: suggestion.text, suggestionId: suggestion.id });
  return { conversation, view };
};

// Opens the modal straight after the ack, since the trigger lasts three seconds. A closed conversation is
// refused before the agent writes anything.
function openSendReplyModal(opening: Opening) {
  return (deps: RelayDeps, tenancy: Tenancy) =>
    async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
      await ack();
      const answer = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
      await answerFailure(deps, answer, async () => {
        const authority = await mayReplyToCustomers(deps, tenancy, body.user.id);
        if (!authority.allowed) return void (await answer(buildAuthorityDenied(authority.reason)));
        const opened = await opening(deps, tenancy, action.value ?? '');
        if (!('view' in opened)) return void (await answer(opened));
        if (opened.conversation.state.status === 'closed') return void (await answer(buildNotSent({ sent: false, why: 'closed' })));
        try {
          await deps.slack.views.open({ trigger_id: body.trigger_id, view: opened.view });
        } catch (err) {
          if (slackErrorCode(err) !== 'expired_trigger_id') throw err;
          await answer({ text: 'Slack took too long to open the form. Click the button again.', blocks: [] });
        }
      });
    };
}

export const openSavedReplyPicker = openSendReplyModal(savedReplyPicker);
export const openSuggestionEditor = openSendReplyModal(suggestionEditor);

// A reply chosen in the picker: its text replaces the text input, with how it reads for this customer below.
export function pickSavedReply(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const replyId = action.selected_option?.value;
    if (!view || !replyId) return;
    const tell = toDirectMessages(deps, body.user.id);
    await answerFailure(deps, tell, async () => {
      const { conversationId } = parseSendReplyMetadata(view.private_metadata);
      const conversation = await conversationById(deps, tenancy, conversationId);
      const draft = await savedReplyDraft(deps, tenancy, { replyId, conversationId, userId: body.user.id });
      if (!conversation) return void (await tell(buildConversationGone()));
      if (draft === null) return void (await tell(buildSavedReplyGone()));
      const replies = (await savedRepliesOf(deps, tenancy)).map((r) => ({ id: r.id, title: r.title }));
      await deps.slack.views.update({
        view_id: view.id,
        hash: view.hash,
        view: buildSendReplyModal({ conversationId, customerName: conversation.customerName, replies, pickedId: replyId, ...draft }),
      });
    });
  };
}
