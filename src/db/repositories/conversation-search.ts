import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import { LISTED_COLUMNS, listedPage, type ConversationPage, type ListedRow } from './open-conversations';

// How well a conversation matched: by who the customer is (as the alert said or the team corrected), then by a
// tag (the conversation's or the customer's), then by something said in it.
const RANK = { customer: 3, tag: 2, message: 1 } as const;

// Each branch is answered by its own index (see the migrations 20261203120000_handoff_command and
// 20261204120000_customers): the trigram indexes over the customer expressions, the GIN indexes on tags, the
// trigram index on message text. Among equal
// ranks the newest conversation comes first.
export async function searchConversations(db: Database, workspaceId: string, text: string, limit: number): Promise<ConversationPage> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<ListedRow[]>(Prisma.sql`
    WITH hits AS (
      SELECT c.id, ${RANK.customer} AS rank FROM "Conversation" c
      WHERE c."workspaceId" = ${workspaceId}::uuid
        AND (COALESCE(c."customer"->>'name', '') || ' ' || COALESCE(c."customer"->>'email', '') || ' ' || COALESCE(c."customer"->>'phone', '')) ILIKE ${pattern}
      UNION ALL
      SELECT c.id, ${RANK.customer} FROM "Customer" k JOIN "Conversation" c ON c."customerId" = k.id
      WHERE k."workspaceId" = ${workspaceId}::uuid
        AND (COALESCE(k.name, '') || ' ' || COALESCE(k.email, '') || ' ' || COALESCE(k.phone, '')) ILIKE ${pattern}
      UNION ALL
      SELECT c.id, ${RANK.tag} FROM "Conversation" c WHERE c."workspaceId" = ${workspaceId}::uuid AND c."tags" @> ARRAY[${text}]::text[]
      UNION ALL
      SELECT c.id, ${RANK.tag} FROM "Customer" k JOIN "Conversation" c ON c."customerId" = k.id
      WHERE k."workspaceId" = ${workspaceId}::uuid AND k.tags @> ARRAY[${text}]::text[]
      UNION ALL
      SELECT m."conversationId", ${RANK.message} FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE c."workspaceId" = ${workspaceId}::uuid AND m."text" ILIKE ${pattern}
    ), best AS (SELECT id, max(rank) AS rank FROM hits GROUP BY id)
    SELECT ${LISTED_COLUMNS}
    FROM best JOIN "Conversation" c ON c.id = best.id
    ORDER BY best.rank DESC, c."createdAt" DESC, c.id
    LIMIT ${limit}`);
  return listedPage(rows);
}
