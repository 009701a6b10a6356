import type { Database } from '../db/client';
import { setAvailability } from '../db/repositories/availability';
import type { Tenancy } from '../workspaces/tenancy';

export type Availability = 'online' | 'offline';

// An agent says whether they take new conversations now, in the workspace they said it in. Saying it twice
// leaves it as it is, so a press Slack sends again changes nothing more.
export async function changeAvailability(db: Database, tenancy: Tenancy, userId: string, availability: Availability): Promise<void> {
  await setAvailability(db, tenancy.workspaceId, userId, availability === 'online');
}
