import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { findSuggestion } from '../../../db/repositories/suggestions';
import { HandoffError } from '../../../errors';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { sendAsAgent } from '../../../services/send-as-agent';
import type { Tenancy } from '../../../workspaces/tenancy';
import { buildNotSent } from '../../blocks/send-reply-modal';
import type { SlackMessage } from '../../blocks/triage-messages';
import { pressReceipt } from '../receipts';
import { commitThenAck } from '../tell-privately';

const suggestionId = z.uuid();

// Send on the AI's suggestion: sent as the agent who pressed it, once, however many press it at the same
// moment; the others are told privately that it went already.
export function sendSuggestion(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const answer = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
    const id = suggestionId.safeParse(action.value);
    if (!id.success) {
      await ack();
      deps.logger.warn({ value: action.value }, 'a suggestion button carried no suggestion id');
      return;
    }
    await commitThenAck(deps, ack, answer, async () => {
      const suggestion = await findSuggestion(deps.db, id.data);
      if (!suggestion) throw new HandoffError('conversation_not_found', `suggestion ${id.data} is gone`);
      const outcome = await sendAsAgent(deps, tenancy, {
        key: pressReceipt(body, action),
        conversationId: suggestion.conversationId,
        userId: body.user.id,
        text: suggestion.text,
        suggestionId: suggestion.id,
      });
      return outcome.sent || outcome.why === 'repeated' ? null : buildNotSent(outcome);
    });
  };
}
