import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Tenancy } from '../../../db/repositories/tenancy';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { retryDelivery } from '../../../services/retry-delivery';

const messageId = z.uuid();

export function retryDeliveryAction(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const id = messageId.safeParse(action.value);
    const retried = id.success && (await retryDelivery(deps, tenancy, id.data));
    if (!retried) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That reply is not waiting for a retry any more.' });
    }
  };
}
