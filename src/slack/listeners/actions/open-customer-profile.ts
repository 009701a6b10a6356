import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { openCustomerProfile } from '../../../services/customer-profile';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { buildProfileModal, buildNoProfile } from '../../blocks/customer-profile';
import { buildAuthorityDenied, buildConversationGone } from '../../blocks/triage-messages';
import { answerFailure } from '../tell-privately';
import { showModal } from './show-modal';

const conversationId = z.uuid();

// The Customer button: the profile of the conversation's customer, in a modal.
export function openCustomerProfileModal(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const id = conversationId.parse(action.value);
    const answer = (message: { text: string }) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await answerFailure(deps, answer, async () => {
      const opening = await openCustomerProfile(deps, tenancy, id, body.user.id);
      if ('gone' in opening) return void (await answer(buildConversationGone()));
      if ('denied' in opening) return void (await answer(buildAuthorityDenied(opening.denied)));
      if ('unknown' in opening) return void (await answer(buildNoProfile()));
      const view = buildProfileModal({ conversationId: id, profile: opening.profile, knownTags: opening.knownTags, now: new Date() });
      await showModal(deps, body.trigger_id, view, answer);
    });
  };
}
