import type { DirectMessageReason } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';
import { findShownById } from './conversations';
import type { ReminderBody } from './reminders';

// What the person is told, beyond who they are: who acted and what they said.
export interface DirectMessageBody {
  actorId: string;
  assigneeId: string | null;
  note: string | null;
  priority: string;
}

export async function addDirectMessages(
  tx: Tx,
  conversationId: string,
  recipients: { userId: string; why: DirectMessageReason }[],
  // A reminder's message tells the person about a clock, not about someone's action.
  body: DirectMessageBody | ReminderBody,
): Promise<string[]> {
  const ids: string[] = [];
  for (const r of recipients) {
    const row = await tx.directMessage.create({ data: { conversationId, userId: r.userId, reason: r.why, body: { ...body } } });
    ids.push(row.id);
  }
  return ids;
}

// With its conversation's customer as the team knows them now, whoever the alerts named.
export async function loadDirectMessage(db: Database, id: string) {
  const dm = await db.directMessage.findUnique({ where: { id } });
  const conversation = dm && (await findShownById(db, dm.conversationId));
  return dm && conversation && { ...dm, conversation };
}

export async function markDirectMessageSent(db: Database, id: string, slackChannelId: string, slackTs: string): Promise<void> {
  await db.directMessage.update({ where: { id }, data: { slackChannelId, slackTs, sentAt: new Date(), error: null } });
}

// Slack refused it for good (a deactivated user, a bot): kept with the reason, and no longer asked for.
export async function markDirectMessageFailed(db: Database, id: string, error: string): Promise<void> {
  await db.directMessage.update({ where: { id }, data: { error } });
}

export async function unsentDirectMessages(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.directMessage.findMany({ where: { sentAt: null, error: null, createdAt: { lt: before } }, select: { id: true }, take });
}
