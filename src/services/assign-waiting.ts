import { finishWaitingAssignments, lockAutoAssignments, nextWaitingConversation, openWaitingAssignments } from '../db/repositories/auto-assign';
import { inTransaction } from '../db/transaction';
import { assignmentRulesOf, assignToAgentWithRoom, type AssignAutomaticallyDeps } from './assign-automatically';
import { requestTriageWork, type RecordedTriage } from './record-triage';

type Step = { assigned: { conversationId: string; recorded: RecordedTriage } } | { finished: true };

// An agent came online, or one's conversation closed: the conversations waiting in the workspace go, the most
// urgent and then the longest waiting first, to the online agents with room, each exactly as a new alert is
// assigned automatically, until nobody has room or nothing waits. One conversation a transaction, each under
// the workspace's lock that new alerts take too, so two agents coming online at once, or an alert arriving
// meanwhile, never fill anyone past the limit nor give one conversation twice.
export async function assignWaiting(deps: AssignAutomaticallyDeps, workspaceId: string): Promise<void> {
  const rules = await assignmentRulesOf(deps, workspaceId);
  for (;;) {
    const step = await inTransaction<Step>(deps.db, async (tx) => {
      await lockAutoAssignments(tx, workspaceId);
      const asked = await openWaitingAssignments(tx, workspaceId);
      if (asked === null) return { finished: true };
      const row = rules.autoAssign ? await nextWaitingConversation(tx, workspaceId) : null;
      const recorded = row && (await assignToAgentWithRoom(tx, row, rules));
      if (row && recorded) return { assigned: { conversationId: row.id, recorded } };
      await finishWaitingAssignments(tx, workspaceId, asked);
      return { finished: true };
    }, 10);
    if ('finished' in step) return;
    await requestTriageWork(deps, step.assigned.conversationId, step.assigned.recorded);
  }
}
