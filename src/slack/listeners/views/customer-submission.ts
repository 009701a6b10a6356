import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { conversationById } from '../../../services/find-conversation';
import { updateCustomer } from '../../../services/customer-profile';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseProfileMetadata, parseProfileSubmission } from '../../blocks/customer-profile';
import { buildAuthorityDenied } from '../../blocks/triage-messages';
import type { StateValues } from '../../blocks/triage-modals';
import { submissionReceipt } from '../receipts';
import { failedSubmission, metadataOfOurModal } from './our-modal';
import { tellPrivately } from '../tell-privately';

// Saving the profile: input mistakes (an email that is not one) keep the modal open with the message under
// the field and store nothing; a valid submission is committed whole before the modal closes, or the modal
// stays open and asks to submit again.
export function customerSubmission(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const target = await metadataOfOurModal(deps, () => ack(), view.private_metadata, parseProfileMetadata);
    if (!target) return;
    const change = parseProfileSubmission(view.state.values as StateValues, view.blocks);
    if (!change.ok) {
      await ack(change.response);
      return;
    }
    let denied;
    try {
      denied = await updateCustomer(deps, tenancy, target, body.user.id, change.value, submissionReceipt(body));
    } catch (err) {
      await ack(failedSubmission(deps, err, view.blocks));
      return;
    }
    await ack();
    const conversation = denied && (await conversationById(deps, tenancy, target.conversationId));
    if (denied && conversation) await tellPrivately(deps, { channel: conversation.slackChannelId, user: body.user.id }, buildAuthorityDenied(denied));
  };
}
