import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { triageConversation } from '../../../services/triage-conversation';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseHomeState } from '../../blocks/home-view';
import { buildDeclined } from '../../blocks/triage-messages';
import { HOME_ACTIONS } from '../../ids';
import { pressReceipt } from '../receipts';
import { commitThenShowHome } from '../show-home';

const conversationId = z.uuid();

// Take over on a row of the App Home: the same transition as the alert's button, committed before Slack hears
// back. The Home is then shown again; what stopped it (a colleague has it, it is closed) is a notice at its
// top, since a Home has no response_url and only the person who pressed sees their Home.
export function homeTakeOver(deps: RelayDeps, tenancy: Tenancy, confirmedSteal = false) {
  return async ({ ack, action, body }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const userId = body.user.id;
    const state = parseHomeState(body.view?.private_metadata);
    const id = conversationId.safeParse(action.value);
    if (!id.success) {
      await ack();
      deps.logger.warn({ value: action.value }, 'a Home press carried no conversation id');
      return;
    }
    await commitThenShowHome(deps, tenancy, userId, state, ack, async () => {
      const declined = await triageConversation(deps, tenancy, id.data, { type: 'take_over', actorId: userId, confirmedSteal }, pressReceipt(body, action));
      return declined && buildDeclined(declined, { conversationId: id.data, command: 'take_over', takeOverAnyway: HOME_ACTIONS.takeOverConfirmed });
    });
  };
}
