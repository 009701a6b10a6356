import type { Database } from '../db/client';
import { deleteConversationsOf } from '../db/repositories/purge';
import { inTransaction } from '../db/transaction';

// Why a purge was refused, in words for the operator who asked for it.
export class PurgeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PurgeRefused';
  }
}

// An uninstalled workspace's conversations are kept, so a reconnect finds them; its admin may ask for them to
// be deleted instead. A workspace that is installed is never purged: its agents are still working in it.
export async function purgeWorkspace(db: Database, slackTeamId: string): Promise<{ conversations: number }> {
  const workspace = await db.workspace.findUnique({ where: { slackTeamId }, select: { id: true, uninstalledAt: true, botToken: true } });
  if (!workspace) throw new PurgeRefused(`no workspace ${slackTeamId} is known to Handoff`);
  if (!workspace.uninstalledAt || workspace.botToken) {
    throw new PurgeRefused(`workspace ${slackTeamId} is installed; only an uninstalled workspace's conversations can be purged`);
  }
  const conversations = await inTransaction(db, (tx) => deleteConversationsOf(tx, workspace.id));
  return { conversations };
}
