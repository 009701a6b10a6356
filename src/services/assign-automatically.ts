import { lockAutoAssignments, openConversationsOf, settleAutoAssignment } from '../db/repositories/auto-assign';
import { onlineAgents } from '../db/repositories/availability';
import type { Database } from '../db/client';
import { findById, stateOf } from '../db/repositories/conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { inTransaction } from '../db/transaction';
import { chooseAgent } from '../domain/auto-assign';
import { decide, isRefusal } from '../domain/transitions';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import type { SlackWorkspace } from '../workspaces/tenancy';
import { recordTriage, requestTriageWork, type RecordedTriage } from './record-triage';

export interface AssignAutomaticallyDeps {
  db: Database;
  workspaces: { ofId(workspaceId: string): Promise<SlackWorkspace> };
  work: WorkQueue;
  logger: Logger;
}

// A new alert in a workspace that assigns automatically goes to the least-loaded online agent below the
// chat limit, as if a supervisor had assigned it: Handoff's bot is the one who assigns, so the thread line,
// the platform's conversation.assigned and the agent's direct message are those of any assignment. With
// nobody free it stays waiting. The choice is made once (the conversation's autoAssignDue flag), and one
// workspace's choices one after another, so two alerts never take the same last free slot.
export async function assignAutomatically(deps: AssignAutomaticallyDeps, conversationId: string): Promise<void> {
  const { db } = deps;
  const due = await findById(db, conversationId);
  if (!due?.autoAssignDue) return;
  const { workspaceId } = due;
  // Slack may be asked who is in the agents' group: never while a transaction holds a connection.
  const settings = await loadWorkspaceSettings(db, workspaceId);
  const workspace = await deps.workspaces.ofId(workspaceId);
  const team = settings.agentsUserGroup ? await workspace.directory.membersOf(settings.agentsUserGroup) : null;
  const recorded = await inTransaction<RecordedTriage | null>(db, async (tx) => {
    await lockAutoAssignments(tx, workspaceId);
    const row = await findById(tx, conversationId);
    if (!row?.autoAssignDue) return null;
    const online = (await onlineAgents(tx, workspaceId)).filter((userId) => !team || team.includes(userId));
    const open = await openConversationsOf(tx, workspaceId, online);
    const assigneeId = row.status === 'waiting' ? chooseAgent(online.map((userId) => ({ userId, open: open.get(userId) ?? 0 })), settings.agentChatLimit) : null;
    const command = assigneeId && ({ type: 'assign', actorId: workspace.bot.botUserId, assigneeId } as const);
    const decision = command && decide(stateOf(row), command);
    if (!command || !decision || isRefusal(decision)) {
      await settleAutoAssignment(tx, conversationId);
      return null;
    }
    return recordTriage(tx, row, command, decision, { autoAssignDue: false });
  }, 10);
  if (recorded) await requestTriageWork(deps, conversationId, recorded);
}
