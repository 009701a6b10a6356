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
