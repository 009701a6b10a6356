import type { ConversationState } from '../domain/conversation';

// The data of every conversation.* event (ConversationChange in docs/openapi.yaml): the conversation as it is
// after the change, and who made it. The actor's name is added when the event is sent, as for agent replies.
export interface ConversationChange {
  actor: { id: string };
  status: ConversationState['status'];
  assigneeId: string | null;
  tags: string[];
  priority: ConversationState['priority'];
  note: string | null;
}

// The data of conversation.unattended (ConversationUnattended in docs/openapi.yaml): waiting, nobody to take it.
export interface ConversationUnattended {
  status: ConversationState['status'];
  priority: ConversationState['priority'];
  reason: ConversationState['reason'];
}

export function conversationUnattended(state: Pick<ConversationState, 'status' | 'priority' | 'reason'>): ConversationUnattended {
  return { status: state.status, priority: state.priority, reason: state.reason };
}

export function conversationChange(actorId: string, next: ConversationState, note: string | null = null): ConversationChange {
  return { actor: { id: actorId }, status: next.status, assigneeId: next.assigneeId, tags: next.tags, priority: next.priority, note };
}
