import type { Feedback } from '../../domain/reply-relay';
import type { Database } from '../client';
import type { Tx } from '../transaction';

export async function addFeedback(tx: Tx, messageId: string, feedback: Feedback): Promise<string> {
  const { kind, ...body } = feedback;
  const row = await tx.replyFeedback.create({ data: { messageId, kind, body: body as object } });
  return row.id;
}

// Takes one piece of feedback to show, unless it is shown already or another job is showing it now.
export async function claimFeedback(db: Database, id: string, leaseMs: number) {
  const now = new Date();
  const { count } = await db.replyFeedback.updateMany({
    where: { id, doneAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  if (count === 0) return null;
  const row = await db.replyFeedback.findUnique({ where: { id }, include: { message: { include: { conversation: true } } } });
  if (!row) return null;
  return { ...row, feedback: { kind: row.kind, ...(row.body as object) } as Feedback };
}

export type LoadedFeedback = NonNullable<Awaited<ReturnType<typeof claimFeedback>>>;

// Counted before a post that Slack might accept while we crash, so the next attempt knows to look for it.
export async function noteFeedbackAttempt(db: Database, id: string): Promise<void> {
  await db.replyFeedback.update({ where: { id }, data: { attempts: { increment: 1 } } });
}

export async function finishFeedback(db: Database, id: string, error?: string): Promise<void> {
  await db.replyFeedback.update({ where: { id }, data: { doneAt: new Date(), error: error ?? null, leaseUntil: null } });
}

// Showing it failed for now: the next job may try at once.
export async function releaseFeedback(db: Database, id: string): Promise<void> {
  await db.replyFeedback.update({ where: { id }, data: { leaseUntil: null } });
}

export async function recordFailureNotice(db: Database, messageId: string, ts: string): Promise<void> {
  await db.message.update({ where: { id: messageId }, data: { failureNoticeTs: ts } });
}

export async function unfinishedFeedback(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.replyFeedback.findMany({ where: { doneAt: null, createdAt: { lt: before } }, select: { id: true }, orderBy: { createdAt: 'asc' }, take });
}
