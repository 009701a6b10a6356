import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Tenancy } from '../../../workspaces/tenancy';
import type { PersonCommand } from '../../../domain/authority';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { triageConversation } from '../../../services/triage-conversation';
import { buildDeclined, type SlackMessage } from '../../blocks/triage-messages';
import { pressReceipt } from '../receipts';
import { commitThenAck } from '../tell-privately';

const conversationId = z.uuid();

type ButtonCommand = 'take_over' | 'close' | 'restore' | 'reopen';

// A button on the alert message: one transition, committed before Slack hears back; a refusal is told privately.
export function triageButton(deps: RelayDeps, tenancy: Tenancy, type: ButtonCommand, confirmedSteal = false) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const answer = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
    const id = conversationId.safeParse(action.value);
    if (!id.success) {
      await ack();
      deps.logger.warn({ value: action.value }, 'a button press carried no conversation id');
      return;
    }
    const command: PersonCommand =
      type === 'take_over' ? { type, actorId: body.user.id, confirmedSteal } : { type, actorId: body.user.id };
    await commitThenAck(deps, ack, answer, async () => {
      const declined = await triageConversation(deps, tenancy, id.data, command, pressReceipt(body, action));
      return declined && buildDeclined(declined, { conversationId: id.data, command: type });
    });
  };
}
