import type { ConversationState } from './conversation';

// Who a new conversation goes to when the workspace assigns automatically: of the agents who take new
// conversations now, the one with the fewest open ones, as long as that is below the chat limit.

export interface AgentLoad {
  userId: string;
  // Conversations they hold now (status human, assigned to them).
  open: number;
}

// Null when everyone is at their limit or nobody is online: the conversation then waits for someone to take it.
// Equal loads go to the agent listed first, so the choice is the same on every replica.
export function chooseAgent(agents: readonly AgentLoad[], chatLimit: number): string | null {
  let best: AgentLoad | null = null;
  for (const agent of agents) {
    if (agent.open < chatLimit && (best === null || agent.open < best.open)) best = agent;
  }
  return best?.userId ?? null;
}

// A change that leaves an agent holding one conversation fewer (closed, restored to the AI, moved to someone
// else) makes room under their limit, which a waiting conversation can take.
export function makesRoom(before: ConversationState, after: ConversationState): boolean {
  if (before.status !== 'human' || before.assigneeId === null) return false;
  return after.status !== 'human' || after.assigneeId !== before.assigneeId;
}

// A conversation back in the queue (reopened, or brought back by a later alert) waits as a new alert would,
// for an agent with room to be given it.
export function startsWaiting(before: ConversationState, after: ConversationState): boolean {
  return before.status !== 'waiting' && after.status === 'waiting';
}
