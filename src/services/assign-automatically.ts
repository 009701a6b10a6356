import { lockAutoAssignments, openConversationsOf, settleAutoAssignment } from '../db/repositories/auto-assign';
import { onlineAgents } from '../db/repositories/availability';
import type { Database } from '../db/client';
import { findById, stateOf, type ConversationRow } from '../db/repositories/conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { inTransaction, type Tx } from '../db/transaction';
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

// What choosing an agent needs of the workspace, read before the transaction.
export interface AssignmentRules {
  autoAssign: boolean;
  chatLimit: number;
  // Handoff's bot, who is the one assigning.
  botUserId: string;
  // The agents' user group's members; null when none is set and every online person is an agent.
  team: string[] | null;
}

// Slack may be asked who is in the agents' group: never while a transaction holds a connection.
export async function assignmentRulesOf(deps: AssignAutomaticallyDeps, workspaceId: string): Promise<AssignmentRules> {
  const settings = await loadWorkspaceSettings(deps.db, workspaceId);
  const workspace = await deps.workspaces.ofId(workspaceId);
  const team = settings.agentsUserGroup ? await workspace.directory.membersOf(settings.agentsUserGroup) : null;
  return { autoAssign: settings.autoAssign, chatLimit: settings.agentChatLimit, botUserId: workspace.bot.botUserId, team };
}

// The waiting conversation goes to the least-loaded online agent below the chat limit, as if a supervisor had
// assigned it: the thread line, the platform's conversation.assigned and the agent's direct message are those
// of any assignment. Null when nobody has room. Called under the workspace's lockAutoAssignments, so the
// loads it counts stay true until it commits.
export async function assignToAgentWithRoom(tx: Tx, row: ConversationRow, rules: AssignmentRules): Promise<RecordedTriage | null> {
  if (row.status !== 'waiting') return null;
  const online = (await onlineAgents(tx, row.workspaceId)).filter((userId) => !rules.team || rules.team.includes(userId));
  const open = await openConversationsOf(tx, row.workspaceId, online);
  const assigneeId = chooseAgent(online.map((userId) => ({ userId, open: open.get(userId) ?? 0 })), rules.chatLimit);
  if (!assigneeId) return null;
  const command = { type: 'assign', actorId: rules.botUserId, assigneeId } as const;
  const decision = decide(stateOf(row), command);
  if (isRefusal(decision)) return null;
  return recordTriage(tx, row, command, decision, { autoAssignDue: false });
}

// A new alert in a workspace that assigns automatically. With nobody free it stays waiting. The choice is
// made once (the conversation's autoAssignDue flag), and one workspace's choices one after another, so two
// alerts never take the same last free slot.
export async function assignAutomatically(deps: AssignAutomaticallyDeps, conversationId: string): Promise<void> {
  const { db } = deps;
  const due = await findById(db, conversationId);
  if (!due?.autoAssignDue) return;
  const rules = await assignmentRulesOf(deps, due.workspaceId);
  const recorded = await inTransaction<RecordedTriage | null>(db, async (tx) => {
    await lockAutoAssignments(tx, due.workspaceId);
    const row = await findById(tx, conversationId);
    if (!row?.autoAssignDue) return null;
    const assigned = await assignToAgentWithRoom(tx, row, rules);
    if (!assigned) await settleAutoAssignment(tx, conversationId);
    return assigned;
  }, 10);
  if (recorded) await requestTriageWork(deps, conversationId, recorded);
}
