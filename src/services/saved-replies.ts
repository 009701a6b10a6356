import { findShownById } from '../db/repositories/conversations';
import { findSavedReply, listSavedReplies, type SavedReplyRow } from '../db/repositories/saved-replies';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { mayAct, type Authority } from '../domain/authority';
import type { Customer } from '../domain/conversation';
import { fillPlaceholders } from '../domain/placeholders';
import { lookUpAgent } from '../relay/agent-profile';
import type { Tenancy } from '../workspaces/tenancy';
import type { RelayDeps } from './relay-agent-reply';
import { standingOf } from './standing';

// Whether the person may send the customer anything: asked before the picker or editor opens, so nobody fills
// in a reply that would only be refused.
export async function mayReplyToCustomers(deps: RelayDeps, tenancy: Tenancy, userId: string): Promise<Authority> {
  const standing = await standingOf(deps.directory, await loadWorkspaceSettings(deps.db, tenancy.workspaceId), userId);
  return mayAct('reply', standing.role, standing.policy);
}

export function savedRepliesOf(deps: RelayDeps, tenancy: Tenancy): Promise<SavedReplyRow[]> {
  return listSavedReplies(deps.db, tenancy.workspaceId);
}

// A saved reply picked for this conversation: its text as saved, placeholders and all, for the agent to edit,
// and how it reads filled in for this customer and agent. The placeholders are filled once, when it is sent:
// filled here too, a customer named "{agent.name}" would be filled a second time, and one named
// "{customer.email}" refused as a placeholder. The preview is null while the text holds one Handoff does not
// know (saved before it was refused); sending it names it. Null when the reply or the conversation is gone.
export async function savedReplyDraft(
  deps: RelayDeps,
  tenancy: Tenancy,
  p: { replyId: string; conversationId: string; userId: string },
): Promise<{ text: string; preview: string | null } | null> {
  const [reply, conversation] = await Promise.all([findSavedReply(deps.db, tenancy.workspaceId, p.replyId), findShownById(deps.db, p.conversationId)]);
  if (!reply || !conversation || conversation.workspaceId !== tenancy.workspaceId) return null;
  const agent = await lookUpAgent(deps.slack, p.userId);
  const filled = fillPlaceholders(reply.text, { customerName: (conversation.customer as Customer).name ?? null, agentName: agent.name });
  return { text: reply.text, preview: filled.ok ? filled.text : null };
}
