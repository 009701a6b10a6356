import { stateOf } from '../db/repositories/conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import type { Tenancy } from '../workspaces/tenancy';
import { claimSlackReceipt } from '../db/repositories/slack-inbox';
import { inTransaction } from '../db/transaction';
import type { Declined, PersonCommand } from '../domain/authority';
import type { ConversationState } from '../domain/conversation';
import { decide, isRefusal } from '../domain/transitions';
import { HandoffError } from '../errors';
import { noteForeignConversation } from './foreign-conversation';
import type { RelayDeps } from './relay-agent-reply';
import { recordTriage, requestTriageWork, type RecordedTriage } from './record-triage';
import { authorityFor, standingOf } from './standing';

type Applied = { declined: Declined } | { repeated: true } | { recorded: RecordedTriage };

// One triage action: the domain decides, and the new state, its log entry, the thread line, the platform
// event and the direct messages it owes are written together. Two people acting at once both read the same
// version; the database lets one write win and the other re-reads, so it is told who has the conversation.
// The Slack receipt of what asked for it (`receiptKey`) is written in the same transaction, so a redelivered
// press or reaction does nothing the second time.
export async function triageConversation(
  deps: RelayDeps,
  tenancy: Tenancy,
  conversationId: string,
  command: PersonCommand,
  receiptKey?: string,
): Promise<Declined | null> {
  // Slack may be asked who is in the user groups: never while a transaction holds a connection.
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const standing = await standingOf(deps.directory, settings, command.actorId);
  const applied = await inTransaction<Applied>(deps.db, async (tx) => {
    if (receiptKey && !(await claimSlackReceipt(tx, receiptKey))) return { repeated: true };
    const row = await tx.conversation.findFirst({ where: { id: conversationId, workspaceId: tenancy.workspaceId } });
    if (!row) {
      await noteForeignConversation(tx, deps.logger, tenancy, { id: conversationId });
      throw new HandoffError('conversation_not_found', `No conversation ${conversationId} in this workspace`);
    }
    const authority = authorityFor(standing, command, stateOf(row));
    if (!authority.allowed) return { declined: { denied: authority.reason } };
    const decision = decide(stateOf(row), command);
    if (isRefusal(decision)) return { declined: { refusal: decision } };
    return { recorded: await recordTriage(tx, row, command, decision) };
  }, 10);
  if ('declined' in applied) return applied.declined;
  if ('recorded' in applied) await requestTriageWork(deps, conversationId, applied.recorded);
  return null;
}

// Before a modal opens, so nobody fills one in only to be told they may not: what its submission would be
// refused for whatever they chose. "Nothing changed" is not known until they choose.
export async function declinedBeforeModal(
  deps: RelayDeps,
  tenancy: Tenancy,
  state: ConversationState,
  command: PersonCommand,
): Promise<Declined | null> {
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const authority = authorityFor(await standingOf(deps.directory, settings, command.actorId), command, state);
  if (!authority.allowed) return { denied: authority.reason };
  const decision = decide(state, command);
  return isRefusal(decision) && decision.refused !== 'no_change' ? { refusal: decision } : null;
}
