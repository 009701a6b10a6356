import type { Tenancy } from '../db/repositories/tenancy';
import { inTransaction } from '../db/transaction';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';

// The agent pressed Retry on a reply that failed: the same delivery (same webhook-id, so the platform can
// still drop a duplicate) goes back in the queue with a fresh set of attempts.
export async function retryDelivery(deps: RelayDeps, tenancy: Tenancy, messageId: string): Promise<boolean> {
  const retriedAt = Date.now();
  const deliveryId = await inTransaction(deps.db, async (tx) => {
    const delivery = await tx.outboundDelivery.findFirst({
      where: { messageId, type: 'agent.message', state: 'failed', conversation: { workspaceId: tenancy.workspaceId } },
      orderBy: { createdAt: 'desc' },
    });
    if (!delivery) return null;
    await tx.outboundDelivery.update({ where: { id: delivery.id }, data: { state: 'pending', attempts: 0, notBefore: new Date() } });
    await tx.message.update({ where: { id: messageId }, data: { relayState: 'pending' } });
    return delivery.id;
  });
  if (deliveryId) await requestWork(deps.logger, [() => deps.work.deliver(deliveryId, 0, `retry${retriedAt}`)]);
  return deliveryId !== null;
}
