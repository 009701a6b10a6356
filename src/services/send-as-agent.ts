import { addHandoffAgentMessage } from '../db/repositories/agent-replies';
import { findShownById } from '../db/repositories/conversations';
import { claimSlackReceipt } from '../db/repositories/slack-inbox';
import { claimSuggestion } from '../db/repositories/suggestions';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { inTransaction } from '../db/transaction';
import { mayAct } from '../domain/authority';
import type { ChannelType, Customer } from '../domain/conversation';
import type { SendOutcome } from '../domain/send-outcome';
import { describeUnknown, fillPlaceholders } from '../domain/placeholders';
import { checkDeliverable } from '../domain/relay-policy';
import { lookUpAgent } from '../relay/agent-profile';
import type { Tenancy } from '../workspaces/tenancy';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';
import { standingOf } from './standing';
import { takeOverForReply } from './take-over-for-reply';

// A message Handoff sends as the agent who asked for it (a saved reply, the AI's suggestion), relayed as a
// reply typed in the thread is: it takes the conversation over first, goes to the platform in order with
// everything else, and shows in the thread under the agent's name.
export interface AgentMessageRequest {
  // The interaction's receipt: the same submission or press, sent again, sends nothing more.
  key: string;
  conversationId: string;
  userId: string;
  text: string;
  // The AI's suggestion being sent, which must still be on offer.
  suggestionId?: string;
  // A saved reply: its placeholders are filled from the conversation and the agent. The AI's text is sent as
  // it stands, braces and all.
  placeholders?: boolean;
}


interface Planned {
  outcome: SendOutcome;
  deliveryIds: string[];
  messageId?: string;
  rootVersion?: number;
}

export async function sendAsAgent(deps: RelayDeps, tenancy: Tenancy, r: AgentMessageRequest): Promise<SendOutcome> {
  // Read before any write: Slack is asked who the agent is and whether they may reply.
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const standing = await standingOf(deps.directory, settings, r.userId);
  const mayReply = mayAct('reply', standing.role, standing.policy);
  const agent = await lookUpAgent(deps.slack, r.userId);
  const plan = await inTransaction<Planned>(deps.db, async (tx) => {
    const refused = (outcome: SendOutcome): Planned => ({ outcome, deliveryIds: [] });
    const conversation = await findShownById(tx, r.conversationId);
    if (!conversation || conversation.workspaceId !== tenancy.workspaceId) return refused({ sent: false, why: 'gone' });
    if (conversation.status === 'closed') return refused({ sent: false, why: 'closed' });
    if (!mayReply.allowed) return refused({ sent: false, why: 'not_allowed', reason: mayReply.reason });
    const filled = r.placeholders
      ? fillPlaceholders(r.text, { customerName: (conversation.customer as Customer).name ?? null, agentName: agent.name })
      : { ok: true as const, text: r.text };
    if (!filled.ok) return refused({ sent: false, why: 'unknown_placeholders', message: describeUnknown(filled.unknown) });
    const text = filled.text;
    const channelType = conversation.channelType as ChannelType;
    const check = checkDeliverable({
      text,
      channelType,
      replyWindowEndsAt: conversation.replyWindowEndsAt,
      now: new Date(),
    });
    if (!check.ok) {
      const { ok: _ok, ...problem } = check;
      return refused({ sent: false, why: 'undeliverable', problem, channelType });
    }
    // Claimed only for a message that is sent: a refused submission stays open with the same view, and Slack
    // sends the corrected one under the same receipt.
    const receipt = await claimSlackReceipt(tx, r.key);
    if (!receipt) return refused({ sent: false, why: 'repeated' });
    if (r.suggestionId && !(await claimSuggestion(tx, r.suggestionId, conversation.id, r.userId))) {
      return refused({ sent: false, why: 'suggestion_taken' });
    }
    const takenOver = await takeOverForReply(tx, conversation, r.userId, receipt.receivedAt);
    const message = await addHandoffAgentMessage(
      tx,
      {
        conversationId: conversation.id,
        authorId: r.userId,
        authorName: agent.name,
        authorAvatarUrl: agent.avatarUrl,
        text,
        ...(r.suggestionId ? { suggestionId: r.suggestionId } : {}),
      },
      receipt.receivedAt,
    );
    return {
      outcome: { sent: true },
      deliveryIds: [...(takenOver ? [takenOver.deliveryId] : []), message.deliveryId],
      messageId: message.messageId,
      ...(takenOver ? { rootVersion: takenOver.rootVersion } : {}),
    };
  });
  const { messageId, rootVersion } = plan;
  await requestWork(deps.logger, [
    ...plan.deliveryIds.map((id) => () => deps.work.deliver(id)),
    ...(messageId ? [() => deps.work.syncThread(r.conversationId, `agent-message-${messageId}`)] : []),
    ...(rootVersion ? [() => deps.work.updateRoot(r.conversationId, rootVersion)] : []),
  ]);
  return plan.outcome;
}
