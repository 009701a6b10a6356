import type { Database } from '../client';
import type { Tx } from '../transaction';

export interface Availability {
  online: boolean;
  // When the agent last changed it; null when they never have (offline by default).
  changedAt: Date | null;
}

export async function setAvailability(db: Database | Tx, workspaceId: string, userId: string, online: boolean): Promise<void> {
  await db.agentAvailability.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, online },
    update: { online, changedAt: new Date() },
  });
}

export async function availabilityOf(db: Database | Tx, workspaceId: string, userId: string): Promise<Availability> {
  const row = await db.agentAvailability.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  return row ? { online: row.online, changedAt: row.changedAt } : { online: false, changedAt: null };
}

// Who takes new conversations in a workspace now.
export async function onlineAgents(db: Database | Tx, workspaceId: string): Promise<string[]> {
  const rows = await db.agentAvailability.findMany({ where: { workspaceId, online: true }, select: { userId: true }, orderBy: { userId: 'asc' } });
  return rows.map((r) => r.userId);
}
