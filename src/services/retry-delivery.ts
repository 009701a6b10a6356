import { replyDelivery, restartDelivery } from '../db/repositories/deliveries';
import { claimSlackReceipt } from '../db/repositories/slack-inbox';
import type { Tenancy } from '../workspaces/tenancy';
import { inTransaction } from '../db/transaction';
import { retryRequested } from '../domain/reply-relay';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';

// The agent pressed Retry on a reply that failed: the same delivery (same webhook-id, so the platform can
// still drop a duplicate) goes back on its way with a fresh set of attempts. `false` when it is not waiting
// for a retry (already retried, or delivered meanwhile).
export async function retryDelivery(deps: RelayDeps, tenancy: Tenancy, messageId: string, receiptKey: string): Promise<boolean> {
  const retriedAt = Date.now();
  const deliveryId = await inTransaction(deps.db, async (tx) => {
    if (!(await claimSlackReceipt(tx, receiptKey))) return null;
    const delivery = await replyDelivery(tx, tenancy.workspaceId, messageId);
    const step = delivery && retryRequested(delivery.state);
    if (!delivery || !step) return null;
    return (await restartDelivery(tx, delivery.id, delivery.state, messageId, step)) ? delivery.id : null;
  });
  if (deliveryId) await requestWork(deps.logger, [() => deps.work.deliver(deliveryId, 0, `retry${retriedAt}`)]);
  return deliveryId !== null;
}
