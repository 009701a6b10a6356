import type { Tx } from '../transaction';

export interface StoredAnswer {
  statusCode: number;
  body: Record<string, unknown>;
}

export async function findAnswer(tx: Tx, platformId: string, webhookId: string): Promise<StoredAnswer | null> {
  const row = await tx.inboundDelivery.findUnique({ where: { platformId_webhookId: { platformId, webhookId } } });
  return row ? { statusCode: row.statusCode, body: row.responseBody as Record<string, unknown> } : null;
}

export async function rememberAnswer(tx: Tx, platformId: string, webhookId: string, answer: StoredAnswer): Promise<void> {
  await tx.inboundDelivery.create({
    data: { platformId, webhookId, statusCode: answer.statusCode, responseBody: answer.body as object },
  });
}
