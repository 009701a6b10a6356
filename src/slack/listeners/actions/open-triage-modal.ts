import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { knownTags } from '../../../db/repositories/tags';
import type { Tenancy } from '../../../workspaces/tenancy';
import type { PersonCommand } from '../../../domain/authority';
import { conversationById, type ConversationRef } from '../../../services/find-conversation';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { declinedBeforeModal } from '../../../services/triage-conversation';
import { showModal } from './show-modal';
import { buildConversationGone, buildDeclined } from '../../blocks/triage-messages';
import { answerFailure } from '../tell-privately';
import { buildAssignModal, buildTagModal } from '../../blocks/triage-modals';
import { buildHandBackModal, parseHandBackChoice, type HandBack } from '../../blocks/hand-back-modal';

const conversationId = z.uuid();

interface ModalKind {
  command: 'assign' | 'tag' | HandBack;
  // The least the modal could be used for, checked before it opens.
  probe(actorId: string): PersonCommand;
  view(deps: RelayDeps, tenancy: Tenancy, c: ConversationRef): Promise<ModalView>;
}

const ASSIGN: ModalKind = {
  command: 'assign',
  probe: (actorId) => ({ type: 'assign', actorId, assigneeId: actorId }),
  view: async (_deps, _tenancy, c) =>
    buildAssignModal({ conversationId: c.id, customerName: c.customerName, currentAssigneeId: c.state.assigneeId, priority: c.state.priority }),
};

const TAG: ModalKind = {
  command: 'tag',
  probe: (actorId) => ({ type: 'tag', actorId, add: [], remove: [] }),
  view: async (deps, tenancy, c) =>
    buildTagModal({
      conversationId: c.id,
      customerName: c.customerName,
      currentTags: c.state.tags,
      knownTags: await knownTags(deps.db, tenancy.workspaceId),
    }),
};

function handBack(command: HandBack): ModalKind {
  return {
    command,
    probe: (actorId) => ({ type: command, actorId }),
    view: async (_deps, _tenancy, c) => buildHandBackModal({ conversationId: c.id, customerName: c.customerName, handBack: command }),
  };
}

const HAND_BACK: Record<HandBack, ModalKind> = { close: handBack('close'), restore: handBack('restore') };

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;

// Assign and Tag open a modal, and so do Close and Restore to AI when a note goes with them. Slack's trigger_id
// lasts three seconds, so the modal is opened straight after the ack; what the submission could never do is
// refused here instead of after the form is filled in.
function openTriageModal(kind: ModalKind) {
  return (deps: RelayDeps, tenancy: Tenancy) =>
    async (args: ActionArgs<BlockButtonAction>): Promise<void> => {
      await args.ack();
      await openModal(deps, tenancy, args, conversationId.parse(args.action.value), kind);
    };
}

// The alert's overflow menu: which hand-back was chosen decides the modal.
export function openHandBackModal(deps: RelayDeps, tenancy: Tenancy) {
  return async (args: ActionArgs<BlockOverflowAction>): Promise<void> => {
    await args.ack();
    // Slack always sends the chosen option; a payload without one was not sent by Slack's menu.
    const value: unknown = args.action.selected_option?.value;
    const chosen = parseHandBackChoice(value);
    if (!chosen) {
      deps.logger.warn({ value }, 'a menu choice carried no conversation id');
      return;
    }
    await openModal(deps, tenancy, args, chosen.conversationId, HAND_BACK[chosen.handBack]);
  };
}

async function openModal(deps: RelayDeps, tenancy: Tenancy, { body, respond }: ActionArgs<BlockAction>, id: string, kind: ModalKind): Promise<void> {
  const answer = (message: { text: string }) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
  await answerFailure(deps, answer, async () => {
    const conversation = await conversationById(deps, tenancy, id);
    if (!conversation) {
      await answer(buildConversationGone());
      return;
    }
    const declined = await declinedBeforeModal(deps, tenancy, conversation.state, kind.probe(body.user.id));
    if (declined) {
      await answer(buildDeclined(declined, { conversationId: id, command: kind.command }));
      return;
    }
    await showModal(deps, body.trigger_id, await kind.view(deps, tenancy, conversation), answer);
  });
}

export const openAssignModal = openTriageModal(ASSIGN);
export const openTagModal = openTriageModal(TAG);
