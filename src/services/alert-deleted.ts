import { moveAlert } from '../db/repositories/alert-moves';
import { findByThread } from '../db/repositories/conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import type { Tenancy } from '../workspaces/tenancy';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';

// Someone deleted an alert message. The conversation is still going, so it gets a new alert at once rather
// than when the next post fails; the old thread, if its replies kept it, points to the new one.
export async function moveDeletedAlert(deps: RelayDeps, tenancy: Tenancy, deleted: { eventId: string; channel: string; ts: string }): Promise<void> {
  const conversation = await findByThread(deps.db, tenancy.workspaceId, deleted.channel, deleted.ts);
  if (!conversation) return;
  const { alertsChannel } = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const from = { channel: deleted.channel, ts: deleted.ts };
  const moved = await moveAlert(deps.db, conversation.id, { from, to: alertsChannel, reason: 'message_deleted', linkBack: true }, deleted.eventId);
  if (moved) await requestWork(deps.logger, [() => deps.work.syncThread(conversation.id, `moved-${from.channel}-${from.ts}`)]);
}
