import { Prisma } from '../../generated/prisma/client';
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

// Whether a person can be expected to take a new alert: somebody in the workspace is online. A team that has
// never said who is online or offline is not told it has nobody: it watches the channel as it did before.
// A condition of a raw statement, so the alert's one-statement intake decides it in the same write; what
// else should count (business hours) belongs here too.
export function agentsAvailableSql(workspaceId: string): Prisma.Sql {
  return Prisma.sql`(EXISTS (SELECT 1 FROM "AgentAvailability" WHERE "workspaceId" = ${workspaceId}::uuid AND online)
    OR NOT EXISTS (SELECT 1 FROM "AgentAvailability" WHERE "workspaceId" = ${workspaceId}::uuid))`;
}

export async function agentsAvailable(db: Database | Tx, workspaceId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ available: boolean }[]>`SELECT ${agentsAvailableSql(workspaceId)} AS available`;
  return row!.available;
}
