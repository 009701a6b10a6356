import type { Database } from '../client';
import type { Tx } from '../transaction';

// One automatic assignment at a time per workspace, held until the transaction ends: two alerts arriving
// together on two workers would otherwise both count the same last free slot. Every statement after it
// sees what the previous holder committed.
export async function lockAutoAssignments(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('auto-assign'), hashtext(${workspaceId}))`;
}

// How many conversations each of these agents holds now.
export async function openConversationsOf(tx: Tx, workspaceId: string, userIds: string[]): Promise<Map<string, number>> {
  const rows = await tx.conversation.groupBy({
    by: ['assigneeId'],
    where: { workspaceId, status: 'human', assigneeId: { in: userIds } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assigneeId!, r._count._all]));
}

// Decided without an agent: nobody was free, or the conversation moved on before its turn.
export async function settleAutoAssignment(tx: Tx, conversationId: string): Promise<void> {
  await tx.conversation.updateMany({ where: { id: conversationId, autoAssignDue: true }, data: { autoAssignDue: false } });
}

// Alerts whose automatic assignment a crash or a Redis outage left undecided.
export async function autoAssignmentsDue(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  // An uninstalled workspace has nobody to assign to until it connects again.
  return db.conversation.findMany({ where: { autoAssignDue: true, createdAt: { lt: before }, workspace: { uninstalledAt: null } }, select: { id: true }, take });
}
