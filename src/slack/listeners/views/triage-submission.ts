import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Tenancy } from '../../../workspaces/tenancy';
import type { PersonCommand } from '../../../domain/authority';
import { conversationById } from '../../../services/find-conversation';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { triageConversation } from '../../../services/triage-conversation';
import { buildDeclined } from '../../blocks/triage-messages';
import {
  parseAssignSubmission,
  parsePrivateMetadata,
  parseTagSubmission,
  tagsOpenedWith,
  type Parsed,
  type StateValues,
} from '../../blocks/triage-modals';
import { parseHandBackSubmission, type HandBack } from '../../blocks/hand-back-modal';
import { submissionReceipt } from '../receipts';
import { failedSubmission, metadataOfOurModal } from './our-modal';
import { tellPrivately } from '../tell-privately';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

// Reads a submission into the command it asks for, or the field errors Slack shows under the inputs.
type ReadSubmission = (view: ViewSubmitAction['view'], actorId: string) => Parsed<PersonCommand>;

const readAssign: ReadSubmission = (view, actorId) => {
  const parsed = parseAssignSubmission(view.state.values as StateValues);
  return parsed.ok ? { ok: true, value: { type: 'assign', actorId, ...parsed.value } } : parsed;
};

const readTag: ReadSubmission = (view, actorId) => {
  const parsed = parseTagSubmission(view.state.values as StateValues, tagsOpenedWith(view.blocks));
  return parsed.ok ? { ok: true, value: { type: 'tag', actorId, ...parsed.value } } : parsed;
};

const readHandBack =
  (type: HandBack): ReadSubmission =>
  (view, actorId) => {
    const parsed = parseHandBackSubmission(view.state.values as StateValues);
    return parsed.ok ? { ok: true, value: { type, actorId, ...parsed.value } } : parsed;
  };

// Input mistakes keep the modal open with the message under the field. A valid submission is committed, then
// the modal closes; a refusal that only the database could know is then told privately in the alerts
// channel. If it could not be committed, the modal stays open and says to submit again, keeping the input; if
// the conversation is not this workspace's (any more), it says that instead.
function triageSubmission(read: ReadSubmission) {
  return (deps: RelayDeps, tenancy: Tenancy) =>
    async ({ ack, view, body }: SubmissionArgs): Promise<void> => {
      const metadata = await metadataOfOurModal(deps, () => ack(), view.private_metadata, parsePrivateMetadata);
      if (!metadata) return;
      const command = read(view, body.user.id);
      if (!command.ok) {
        await ack(command.response);
        return;
      }
      const { conversationId } = metadata;
      let declined;
      try {
        declined = await triageConversation(deps, tenancy, conversationId, command.value, submissionReceipt(body));
      } catch (err) {
        await ack(failedSubmission(deps, err, view.blocks));
        return;
      }
      await ack();
      const conversation = declined && (await conversationById(deps, tenancy, conversationId));
      if (declined && conversation) {
        const message = buildDeclined(declined, { conversationId, command: command.value.type });
        await tellPrivately(deps, { channel: conversation.slackChannelId, user: body.user.id }, message);
      }
    };
}

export const assignSubmission = triageSubmission(readAssign);
export const tagSubmission = triageSubmission(readTag);
export const closeWithNoteSubmission = triageSubmission(readHandBack('close'));
export const restoreWithNoteSubmission = triageSubmission(readHandBack('restore'));
