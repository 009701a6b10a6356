import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Tenancy } from '../../../db/repositories/tenancy';
import type { PersonCommand } from '../../../domain/authority';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { triageConversation } from '../../../services/triage-conversation';
import { buildDeclined, type SlackMessage } from '../../blocks/triage-messages';
import { answerFailure } from '../tell-privately';

const conversationId = z.uuid();

type ButtonCommand = 'take_over' | 'close' | 'restore' | 'reopen';

// A button on the alert message: acknowledge at once, then one transition; a refusal is told privately.
export function triageButton(deps: RelayDeps, tenancy: Tenancy, type: ButtonCommand, confirmedSteal = false) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const id = conversationId.parse(action.value);
    const command: PersonCommand =
      type === 'take_over' ? { type, actorId: body.user.id, confirmedSteal } : { type, actorId: body.user.id };
    const answer = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await answerFailure(deps, answer, async () => {
      const declined = await triageConversation(deps, tenancy, id, command);
      if (declined) await answer(buildDeclined(declined, { conversationId: id, command: type }));
    });
  };
}
