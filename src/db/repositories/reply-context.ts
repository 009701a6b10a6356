import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import { queryRows } from '../statements';
import { CONVERSATION_COLUMNS, type ConversationRow } from './conversations';
import { SETTINGS_OF_W, settingsOf, type StoredSettings, type WorkspaceSettings } from './tenancy';

// What judging a reply in a thread needs, in one round trip: the workspace's settings as they are now, and
// the conversation whose thread it is (null when the thread is no conversation's).
export async function loadReplyContext(
  db: Database,
  workspaceId: string,
  slackChannelId: string,
  slackThreadTs: string,
): Promise<{ settings: WorkspaceSettings; conversation: ConversationRow | null }> {
  const rows = await queryRows<ConversationRow & { workspaceSettings: StoredSettings }>(db, Prisma.sql`
    SELECT ${SETTINGS_OF_W} AS "workspaceSettings", ${CONVERSATION_COLUMNS}
    FROM "Workspace" w
      LEFT JOIN "Conversation" c ON c."workspaceId" = w.id AND c."slackChannelId" = ${slackChannelId} AND c."slackThreadTs" = ${slackThreadTs}
    WHERE w.id = ${workspaceId}::uuid
    LIMIT 1`);
  const found = rows[0];
  if (!found) throw new Error(`workspace ${workspaceId} is gone`);
  const { workspaceSettings, ...conversation } = found;
  return { settings: settingsOf(workspaceSettings), conversation: conversation.id === null ? null : conversation };
}
