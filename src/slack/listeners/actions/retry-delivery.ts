import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Tenancy } from '../../../workspaces/tenancy';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { retryDelivery } from '../../../services/retry-delivery';
import { buildNotWaitingForRetry } from '../../blocks/relay-feedback';
import { pressReceipt } from '../receipts';
import { commitThenAck } from '../tell-privately';

const messageId = z.uuid();

// Retry under a failure notice: the reply is back on its way before Slack hears back.
export function retryDeliveryAction(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const answer = (message: { text: string }) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await commitThenAck(deps, ack, answer, async () => {
      const id = messageId.safeParse(action.value);
      const retried = id.success && (await retryDelivery(deps, tenancy, id.data, pressReceipt(body, action)));
      return retried ? null : buildNotWaitingForRetry();
    });
  };
}
