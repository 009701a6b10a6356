import { setAvailability } from '../../src/db/repositories/availability';
import type { ConversationRow } from '../../src/db/repositories/conversations';
import type { Harness } from './harness';
import { waitUntil } from './slack-user';

// Only these agents take new conversations now (/handoff online); everyone else in the workspace is offline.
export async function onlineAre(h: Harness, ...userIds: string[]): Promise<void> {
  const workspaceId = h.app.tenancy!.workspaceId;
  await h.app.db.agentAvailability.updateMany({ where: { workspaceId }, data: { online: false } });
  for (const userId of userIds) await setAvailability(h.app.db, workspaceId, userId, true);
}

// The conversation once Handoff has decided who gets it: an agent, or nobody (it waits).
export async function decided(h: Harness, externalId: string): Promise<ConversationRow> {
  await waitUntil(async () => (await h.app.db.conversation.count({ where: { externalId, autoAssignDue: false } })) === 1);
  return h.app.db.conversation.findFirstOrThrow({ where: { externalId } });
}
