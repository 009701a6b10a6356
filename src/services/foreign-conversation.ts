import type { Database } from '../db/client';
import { findAccountElsewhere, findByExternalId, findOwnerElsewhere, type ConversationRow } from '../db/repositories/conversations';
import { HandoffError } from '../errors';
import type { Tx } from '../db/transaction';
import type { Logger } from '../logger';
import type { AccountTenancy, Tenancy } from '../workspaces/tenancy';

// With one workspace this never happens. With many it means a forged request, or a channel shared between two
// workspaces: whoever runs Handoff must see who asked for whose conversation. The asker is refused as if the
// conversation did not exist, so nothing of it leaks.
export async function noteForeignConversation(
  db: Database | Tx,
  logger: Logger,
  tenancy: Tenancy,
  where: { id: string } | { slackChannelId: string; slackThreadTs: string },
): Promise<void> {
  const owner = await findOwnerElsewhere(db, tenancy.workspaceId, where);
  if (!owner) return;
  logger.warn(
    { workspaceId: tenancy.workspaceId, slackTeamId: tenancy.slackTeamId, conversationId: owner.id, conversationWorkspaceId: owner.workspaceId },
    'refused: a person in one workspace acted on a conversation of another',
  );
}

// The platform's side: a request for one account naming a conversation of another account.
export async function noteForeignAccount(db: Database | Tx, logger: Logger, tenancy: AccountTenancy, externalId: string): Promise<void> {
  if (tenancy.account === null) return;
  const owner = await findAccountElsewhere(db, tenancy.platformId, externalId);
  if (!owner) return;
  logger.warn({ account: tenancy.account, conversationId: owner.id, conversationAccount: owner.account }, 'refused: a request for one account named a conversation of another');
}

// The conversation a platform request is about, in the request's account. An unknown one is refused with a 404
// that is not remembered as the webhook-id's answer: once the alert arrives, a retry succeeds.
export async function requestedConversation(tx: Tx, logger: Logger, tenancy: AccountTenancy, externalId: string): Promise<ConversationRow> {
  const conversation = await findByExternalId(tx, tenancy.platformId, externalId);
  if (conversation) return conversation;
  await noteForeignAccount(tx, logger, tenancy, externalId);
  throw new HandoffError('conversation_not_found', `No conversation ${externalId}: send its alert first`);
}
