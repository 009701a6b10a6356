import type { Database } from '../client';

// How many conversations a person has on their hands now: taken over by them or assigned to them, not closed
// or handed back to the AI.
export function countOpenAssigned(db: Database, workspaceId: string, userId: string): Promise<number> {
  return db.conversation.count({ where: { workspaceId, assigneeId: userId, status: 'human' } });
}
