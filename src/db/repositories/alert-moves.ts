import type { AlertMoveReason } from '../../domain/alert-move';
import type { TranscriptLine } from '../../domain/conversation';
import type { Database } from '../client';
import { inTransaction, type Tx } from '../transaction';
import { claimSlackReceipt } from './slack-inbox';
import { addThreadPost } from './thread-posts';

export interface AlertMove {
  from: { channel: string; ts: string | null };
  to: string;
  reason: AlertMoveReason;
  // The old thread may still be there (a deleted alert message with replies leaves one): point it to the new.
  linkBack: boolean;
}

// Everything said so far, as one transcript for the new thread. Customer attachments keep their links.
async function history(tx: Tx, conversationId: string): Promise<TranscriptLine[]> {
  const messages = await tx.message.findMany({ where: { conversationId, deletedAt: null }, orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] });
  return messages.map((m) => {
    const links = m.role === 'customer' ? (m.attachments as { url?: string; name?: string }[]).filter((a) => a.url).map((a) => `📎 ${a.name ?? 'file'}: ${a.url}`) : [];
    return { role: m.role, text: [m.text, ...links].filter(Boolean).join('\n'), at: m.at.toISOString() };
  });
}

// The alert's message or thread is gone, so the conversation gets a new alert in `to`. The new thread opens
// with why it moved, the relay intro and the whole history, which replaces whatever was still waiting to be
// posted in the old thread: no customer message is lost. Only the first to notice moves it. A Slack event
// that caused the move is marked handled with it (`receiptKey`).
export async function moveAlert(db: Database, conversationId: string, move: AlertMove, receiptKey?: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    if (receiptKey && !(await claimSlackReceipt(tx, receiptKey))) return false;
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, slackChannelId: move.from.channel, slackThreadTs: move.from.ts },
      data: {
        slackChannelId: move.to,
        slackThreadTs: null,
        rootVersion: 0,
        movedFromChannelId: move.linkBack && move.from.ts ? move.from.channel : null,
        movedFromThreadTs: move.linkBack ? move.from.ts : null,
      },
    });
    if (count === 0) return false;
    const event = { type: 'moved', actorId: null, data: { reason: move.reason, fromChannelId: move.from.channel, fromThreadTs: move.from.ts } };
    await tx.conversationEvent.create({ data: { conversationId, ...event } });
    await tx.threadPost.deleteMany({ where: { conversationId, slackTs: null } });
    await addThreadPost(tx, conversationId, 'notice', { event });
    await addThreadPost(tx, conversationId, 'notice', { intro: true });
    const lines = await history(tx, conversationId);
    if (lines.length > 0) await addThreadPost(tx, conversationId, 'transcript', { lines });
    return true;
  });
}

export async function clearMovedFrom(db: Database, conversationId: string): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: { movedFromChannelId: null, movedFromThreadTs: null } });
}
