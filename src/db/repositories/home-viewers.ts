import type { HomeState } from '../../domain/home-queues';
import type { Database } from '../client';

// After each Home published: what it showed, and, when the person asked for it (opened it, pressed on it),
// that they are looking at it now. A refresh nobody asked for does not make a Home count as open for longer.
export async function rememberHomeShown(db: Database, workspaceId: string, userId: string, state: HomeState, byPerson: boolean): Promise<void> {
  const now = new Date();
  const json = state as unknown as object;
  await db.homeViewer.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, state: json, seenAt: now, shownAt: now },
    update: { state: json, shownAt: now, ...(byPerson ? { seenAt: now } : {}) },
  });
}

// Who opened or pressed on their Home since `since`, in one workspace.
export async function recentHomeViewers(db: Database, workspaceId: string, since: Date): Promise<string[]> {
  const rows = await db.homeViewer.findMany({ where: { workspaceId, seenAt: { gte: since } }, select: { userId: true }, orderBy: { userId: 'asc' } });
  return rows.map((r) => r.userId);
}

// What a person's Home showed last, as it was stored: read back through the view's own parser, like
// private_metadata. Null when they never opened it.
export async function lastHomeShown(db: Database, workspaceId: string, userId: string): Promise<unknown> {
  const row = await db.homeViewer.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { state: true } });
  return row?.state ?? null;
}
