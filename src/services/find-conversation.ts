import type { Database } from '../db/client';
import type { Logger } from '../logger';
import { noteForeignConversation } from './foreign-conversation';
import { customerName, findShownById, stateOf, type ConversationRow } from '../db/repositories/conversations';
import type { Tenancy } from '../workspaces/tenancy';
import type { ConversationState } from '../domain/conversation';

// What a Slack listener needs to open a modal on a conversation or answer someone about it.
export interface ConversationRef {
  id: string;
  state: ConversationState;
  customerName: string;
  slackChannelId: string;
  slackThreadTs: string | null;
}

function refOf(row: ConversationRow): ConversationRef {
  return { id: row.id, state: stateOf(row), customerName: customerName(row), slackChannelId: row.slackChannelId, slackThreadTs: row.slackThreadTs };
}

export async function conversationById(deps: { db: Database; logger: Logger }, tenancy: Tenancy, id: string): Promise<ConversationRef | null> {
  const row = await findShownById(deps.db, id, tenancy.workspaceId);
  if (!row) await noteForeignConversation(deps.db, deps.logger, tenancy, { id });
  return row && refOf(row);
}
