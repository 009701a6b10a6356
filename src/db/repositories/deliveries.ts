import { randomUUID } from 'node:crypto';
import type { Database } from '../client';
import type { Tx } from '../transaction';

export function newDeliveryId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

export async function addDelivery(
  tx: Tx,
  d: { conversationId: string; messageId?: string; type: string; payload?: object; notBefore?: Date },
): Promise<string> {
  const id = newDeliveryId();
  await tx.outboundDelivery.create({
    data: { id, conversationId: d.conversationId, messageId: d.messageId, type: d.type, payload: d.payload ?? {}, notBefore: d.notBefore },
  });
  return id;
}

export async function loadDelivery(db: Database, id: string) {
  return db.outboundDelivery.findUnique({ where: { id }, include: { message: true, conversation: true } });
}

// Deliveries reach the customer in the order they were made: a later one waits while an earlier one is still due.
export async function hasEarlierPending(db: Database, d: { id: string; conversationId: string; createdAt: Date }): Promise<boolean> {
  const earlier = await db.outboundDelivery.findFirst({
    where: { conversationId: d.conversationId, state: 'pending', createdAt: { lt: d.createdAt }, id: { not: d.id } },
    select: { id: true },
  });
  return earlier !== null;
}

export async function finishDelivery(
  db: Database,
  id: string,
  outcome: { state: 'delivered' | 'failed' | 'cancelled'; error?: string },
): Promise<void> {
  await db.outboundDelivery.update({
    where: { id },
    data: {
      state: outcome.state,
      lastError: outcome.error ?? null,
      attempts: { increment: outcome.state === 'cancelled' ? 0 : 1 },
      deliveredAt: outcome.state === 'delivered' ? new Date() : null,
    },
  });
}

export async function noteFailedAttempt(db: Database, id: string, error: string): Promise<void> {
  await db.outboundDelivery.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error } });
}
