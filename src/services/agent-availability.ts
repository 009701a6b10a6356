import type { Database } from '../db/client';
import { availabilityOf, setAvailability, type Availability } from '../db/repositories/availability';
import { countOpenAssigned } from '../db/repositories/open-conversations';
import type { Tenancy } from '../workspaces/tenancy';

export interface AgentStatus extends Availability {
  openConversations: number;
}

// Saying it twice changes nothing but the time it was said: the row is the agent's, keyed by workspace and user.
export async function changeAvailability(db: Database, tenancy: Tenancy, userId: string, online: boolean): Promise<void> {
  await setAvailability(db, tenancy.workspaceId, userId, online);
}

export async function agentStatus(db: Database, tenancy: Tenancy, userId: string): Promise<AgentStatus> {
  const [availability, openConversations] = await Promise.all([
    availabilityOf(db, tenancy.workspaceId, userId),
    countOpenAssigned(db, tenancy.workspaceId, userId),
  ]);
  return { ...availability, openConversations };
}
