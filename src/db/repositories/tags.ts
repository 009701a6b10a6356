import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';

// Offered again in the tag picker, most recently created first.
const OFFERED = 100;

export async function rememberTags(tx: Tx, workspaceId: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.tag.createMany({ data: names.map((name) => ({ workspaceId, name })), skipDuplicates: true });
}

export async function knownTags(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db.tag.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'desc' }, { name: 'asc' }], take: OFFERED });
  return rows.map((r) => r.name);
}

// The tags an alert sent, each in the spelling the workspace already uses for it ("vip" becomes "VIP" where
// agents wrote that), so the picker does not offer the same tag twice. A text[] expression, in order.
export function spelledAsKnownSql(workspaceId: string, names: string[]): Prisma.Sql {
  return Prisma.sql`COALESCE((
    SELECT array_agg(COALESCE(known.name, sent.name) ORDER BY sent.n)
    FROM unnest(${names}::text[]) WITH ORDINALITY AS sent(name, n)
    LEFT JOIN LATERAL (
      SELECT name FROM "Tag" WHERE "workspaceId" = ${workspaceId}::uuid AND lower(name) = lower(sent.name) ORDER BY "createdAt" LIMIT 1
    ) known ON true
  ), '{}'::text[])`;
}

export async function spelledAsKnown(tx: Tx, workspaceId: string, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const [row] = await tx.$queryRaw<{ tags: string[] }[]>`SELECT ${spelledAsKnownSql(workspaceId, names)} AS tags`;
  return row!.tags;
}
