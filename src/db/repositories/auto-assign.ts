import type { Database } from '../client';
import type { Tx } from '../transaction';
import type { ConversationRow } from './conversations';

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

// Asks for the workspace's waiting conversations to be given to agents with room, when it assigns
// automatically: the count to key the job by, or null when it does not.
export async function askForWaitingAssignments(tx: Tx, workspaceId: string): Promise<number | null> {
  const rows = await tx.$queryRaw<{ asked: number }[]>`
    UPDATE "Workspace" SET "waitingAssignmentsAsked" = "waitingAssignmentsAsked" + 1, "waitingAssignmentsAskedAt" = now()
    WHERE id = ${workspaceId}::uuid AND "autoAssign"
    RETURNING "waitingAssignmentsAsked" AS asked`;
  return rows[0]?.asked ?? null;
}

// How far the requests go that no job has finished yet; null when none is open.
export async function openWaitingAssignments(tx: Tx, workspaceId: string): Promise<number | null> {
  const row = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { waitingAssignmentsAsked: true, waitingAssignmentsDone: true } });
  return row && row.waitingAssignmentsAsked > row.waitingAssignmentsDone ? row.waitingAssignmentsAsked : null;
}

// Every request up to `asked` is answered; a later one stays open for its own job.
export async function finishWaitingAssignments(tx: Tx, workspaceId: string, asked: number): Promise<void> {
  await tx.workspace.updateMany({ where: { id: workspaceId, waitingAssignmentsDone: { lt: asked } }, data: { waitingAssignmentsDone: asked } });
}

// The waiting conversation to give out next: the most urgent, then the one waiting longest.
export function nextWaitingConversation(tx: Tx, workspaceId: string): Promise<ConversationRow | null> {
  return tx.conversation.findFirst({
    where: { workspaceId, status: 'waiting', assigneeId: null },
    orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
}

// Requests whose job a crash or a Redis outage lost.
export function waitingAssignmentsToResume(db: Database, before: Date, take: number): Promise<{ id: string; asked: number }[]> {
  return db.$queryRaw<{ id: string; asked: number }[]>`
    SELECT id::text AS id, "waitingAssignmentsAsked" AS asked FROM "Workspace"
    WHERE "waitingAssignmentsAsked" > "waitingAssignmentsDone" AND "waitingAssignmentsAskedAt" < ${before}
      AND "uninstalledAt" IS NULL AND "autoAssign"
    LIMIT ${take}`;
}
