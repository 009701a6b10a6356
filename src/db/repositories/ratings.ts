import type { Tx } from '../transaction';

export interface StoredRating {
  score: number;
  comment: string | null;
  agentId: string | null;
}

// Who a rating counts for: whoever held the conversation at its latest close, or closed it when nobody held it.
// Null when it was never closed.
export async function latestClose(tx: Tx, conversationId: string): Promise<{ agentId: string | null } | null> {
  const closed = await tx.conversationEvent.findFirst({ where: { conversationId, type: 'closed' }, orderBy: { id: 'desc' } });
  if (!closed) return null;
  const holder = (closed.data as { assigneeId?: unknown }).assigneeId;
  return { agentId: typeof holder === 'string' ? holder : closed.actorId };
}

// Stores the rating, replacing an earlier one in one statement, so two arriving together leave one row and
// each knows whether it replaced the other. The conversation's version moves so its root message shows it.
export async function storeRating(tx: Tx, conversationId: string, rating: StoredRating): Promise<{ replaced: boolean; version: number }> {
  const [row] = await tx.$queryRaw<{ replaced: boolean }[]>`
    INSERT INTO "Rating" ("conversationId", score, comment, "agentId", "ratedAt")
    VALUES (${conversationId}::uuid, ${rating.score}, ${rating.comment}, ${rating.agentId}, ${new Date()})
    ON CONFLICT ("conversationId") DO UPDATE
      SET score = EXCLUDED.score, comment = EXCLUDED.comment, "agentId" = EXCLUDED."agentId", "ratedAt" = EXCLUDED."ratedAt"
    RETURNING (xmax <> 0) AS replaced`;
  const { version } = await tx.conversation.update({ where: { id: conversationId }, data: { version: { increment: 1 } }, select: { version: true } });
  return { replaced: row!.replaced, version };
}
