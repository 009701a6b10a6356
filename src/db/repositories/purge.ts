import type { Tx } from '../transaction';

// Everything Handoff keeps of a workspace's conversations, children first. The workspace row, its accounts and
// its settings stay, so a reconnect finds its settings again; so do its saved replies, the team's own words.
const CONVERSATION_TABLES = ['Rating', 'ReplyFeedback', 'OutboundDelivery', 'DirectMessage', 'Reminder', 'ThreadPost', 'Suggestion', 'ConversationEvent', 'Alert', 'Message'] as const;
// What the App Home kept of them: links to their threads, and each person's last view (a tag filter is a
// customer's tag).
const HOME_TABLES = ['ThreadPermalink', 'HomeViewer'] as const;

export async function deleteConversationsOf(tx: Tx, workspaceId: string): Promise<number> {
  const ofWorkspace = `SELECT id FROM "Conversation" WHERE "workspaceId" = $1::uuid`;
  for (const table of CONVERSATION_TABLES) {
    const where =
      table === 'ReplyFeedback' ? `"messageId" IN (SELECT id FROM "Message" WHERE "conversationId" IN (${ofWorkspace}))` : `"conversationId" IN (${ofWorkspace})`;
    await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE ${where}`, workspaceId);
  }
  for (const table of HOME_TABLES) await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "workspaceId" = $1::uuid`, workspaceId);
  const conversations = await tx.$executeRawUnsafe(`DELETE FROM "Conversation" WHERE "workspaceId" = $1::uuid`, workspaceId);
  // The customers they were with, and what the team wrote about them, go too.
  await tx.$executeRawUnsafe(`DELETE FROM "CustomerNote" WHERE "customerId" IN (SELECT id FROM "Customer" WHERE "workspaceId" = $1::uuid)`, workspaceId);
  await tx.$executeRawUnsafe(`DELETE FROM "Customer" WHERE "workspaceId" = $1::uuid`, workspaceId);
  return conversations;
}
