import { applyTransition, stateOf, type ConversationRow } from '../db/repositories/conversations';
import { addDelivery } from '../db/repositories/deliveries';
import { addThreadPost } from '../db/repositories/thread-posts';
import { VersionConflict, type Tx } from '../db/transaction';
import { decide, isRefusal } from '../domain/transitions';
import { conversationChange } from '../platform/conversation-change';

// A reply takes its conversation over first, since the AI must never answer alongside a human: the
// transition, its thread line and its event, in the transaction that stores the reply. Null when the reply
// changes nothing about the conversation (the agent has it already).
export async function takeOverForReply(
  tx: Tx,
  conversation: ConversationRow,
  actorId: string,
  eventReceivedAt: Date,
): Promise<{ deliveryId: string; rootVersion: number } | null> {
  const takeOver = decide(stateOf(conversation), { type: 'reply', actorId });
  if (isRefusal(takeOver)) return null;
  if (!(await applyTransition(tx, conversation, takeOver))) throw new VersionConflict(conversation.id);
  await addThreadPost(tx, conversation.id, 'notice', { event: takeOver.event });
  const deliveryId = await addDelivery(tx, {
    conversationId: conversation.id,
    type: 'conversation.taken_over',
    payload: conversationChange(actorId, takeOver.next),
    eventReceivedAt,
  });
  return { deliveryId, rootVersion: conversation.version + 1 };
}
