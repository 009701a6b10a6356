import type { Database } from '../db/client';
import { askForWaitingAssignments, lockAutoAssignments } from '../db/repositories/auto-assign';
import { availabilityOf, setAvailability, type Availability } from '../db/repositories/availability';
import { countOpenAssigned } from '../db/repositories/open-conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { inTransaction } from '../db/transaction';
import { mayAct, type Authority } from '../domain/authority';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import type { Tenancy } from '../workspaces/tenancy';
import { requestWork } from './request-work';
import { standingOf, type TeamDirectory } from './standing';

export interface AgentStatus extends Availability {
  openConversations: number;
}

// Saying it twice changes nothing but the time it was said: the row is the agent's, keyed by workspace and user.
// Going offline is always allowed; going online only to those who may take a conversation over. An agent
// coming online in a workspace that assigns automatically is given what waits, asked for with the change.
export async function changeAvailability(
  deps: { db: Database; directory: TeamDirectory; work: WorkQueue; logger: Logger },
  tenancy: Tenancy,
  userId: string,
  online: boolean,
): Promise<Authority> {
  if (online) {
    const standing = await standingOf(deps.directory, await loadWorkspaceSettings(deps.db, tenancy.workspaceId), userId);
    const authority = mayAct('go_online', standing.role, standing.policy);
    if (!authority.allowed) return authority;
  }
  const asked = await inTransaction(deps.db, async (tx) => {
    // An automatic assignment being decided counted this agent as online: going offline waits for it, so none
    // is given to them once they have been told they are offline.
    if (!online) await lockAutoAssignments(tx, tenancy.workspaceId);
    await setAvailability(tx, tenancy.workspaceId, userId, online);
    return online ? askForWaitingAssignments(tx, tenancy.workspaceId) : null;
  });
  if (asked !== null) await requestWork(deps.logger, [() => deps.work.assignWaiting(tenancy.workspaceId, asked)]);
  return { allowed: true };
}

export async function agentStatus(db: Database, tenancy: Tenancy, userId: string): Promise<AgentStatus> {
  const [availability, openConversations] = await Promise.all([
    availabilityOf(db, tenancy.workspaceId, userId),
    countOpenAssigned(db, tenancy.workspaceId, userId),
  ]);
  return { ...availability, openConversations };
}
