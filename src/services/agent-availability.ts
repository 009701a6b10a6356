import type { Database } from '../db/client';
import { availabilityOf, setAvailability, type Availability } from '../db/repositories/availability';
import { countOpenAssigned } from '../db/repositories/open-conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { mayAct, type Authority } from '../domain/authority';
import type { Tenancy } from '../workspaces/tenancy';
import { standingOf, type TeamDirectory } from './standing';

export interface AgentStatus extends Availability {
  openConversations: number;
}

// Saying it twice changes nothing but the time it was said: the row is the agent's, keyed by workspace and user.
// Going offline is always allowed; going online only to those who may take a conversation over.
export async function changeAvailability(
  deps: { db: Database; directory: TeamDirectory },
  tenancy: Tenancy,
  userId: string,
  online: boolean,
): Promise<Authority> {
  if (online) {
    const standing = await standingOf(deps.directory, await loadWorkspaceSettings(deps.db, tenancy.workspaceId), userId);
    const authority = mayAct('go_online', standing.role, standing.policy);
    if (!authority.allowed) return authority;
  }
  await setAvailability(deps.db, tenancy.workspaceId, userId, online);
  return { allowed: true };
}

export async function agentStatus(db: Database, tenancy: Tenancy, userId: string): Promise<AgentStatus> {
  const [availability, openConversations] = await Promise.all([
    availabilityOf(db, tenancy.workspaceId, userId),
    countOpenAssigned(db, tenancy.workspaceId, userId),
  ]);
  return { ...availability, openConversations };
}
