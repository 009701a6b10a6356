import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { describeUnknown, unknownPlaceholders } from '../../../domain/placeholders';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { sendAsAgent } from '../../../services/send-as-agent';
import type { Tenancy } from '../../../workspaces/tenancy';
import { notSentReason, parseSendReplyMetadata, sentText, sentTextBlockId } from '../../blocks/send-reply-modal';
import { buildSubmitAgain, type StateValues } from '../../blocks/triage-modals';
import { submissionReceipt } from '../receipts';

// Send in the saved-reply picker or the suggestion's editor: the message is committed (with its take-over,
// thread post and delivery) before the modal closes. Anything that keeps it from being sent is said under the
// text, so the agent can change it or cancel.
export function sendReplySubmission(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const values = view.state.values as StateValues;
    const textBlock = sentTextBlockId(values);
    const refuse = (message: string) => ack({ response_action: 'errors', errors: { [textBlock]: message } });
    const { conversationId, suggestionId } = parseSendReplyMetadata(view.private_metadata);
    const text = sentText(values);
    if (!text) return refuse('Write the message to send.');
    // The AI's words go out as they stand; a saved reply's placeholders must all be ones Handoff can fill.
    const unknown = suggestionId ? [] : unknownPlaceholders(text);
    if (unknown.length > 0) return refuse(describeUnknown(unknown));
    let outcome;
    try {
      outcome = await sendAsAgent(deps, tenancy, {
        key: submissionReceipt(body),
        conversationId,
        userId: body.user.id,
        text,
        ...(suggestionId ? { suggestionId } : { placeholders: true }),
      });
    } catch (err) {
      deps.logger.error({ err }, 'sending a message from a modal failed');
      return ack(buildSubmitAgain(view.blocks));
    }
    if (outcome.sent || outcome.why === 'repeated') return ack();
    return refuse(notSentReason(outcome));
  };
}
