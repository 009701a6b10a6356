import type { ThreadPost, ThreadPostKind } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';

export type ThreadPostRow = ThreadPost;

export async function addThreadPost(tx: Tx, conversationId: string, kind: ThreadPostKind, body: object): Promise<bigint> {
  const post = await tx.threadPost.create({ data: { conversationId, kind, body } });
  return post.seq;
}

export async function pendingThreadPosts(db: Database, conversationId: string): Promise<ThreadPostRow[]> {
  return db.threadPost.findMany({ where: { conversationId, slackTs: null }, orderBy: { seq: 'asc' } });
}

// A post can be gone by now: moving the alert replaces the posts still waiting with the whole history.
export async function markThreadPostPosted(db: Database, seq: bigint, slackTs: string): Promise<void> {
  await db.threadPost.updateMany({ where: { seq }, data: { slackTs, postedAt: new Date() } });
}

// `until` is the lease as held: renewing and releasing touch the lease only while it is still this one.
export type ThreadLease = { claimed: false; pausedUntil: Date | null } | { claimed: true; recovering: boolean; until: Date };

// One worker at a time posts into a conversation's thread, so posts keep their order across replicas. A lease
// that ran out instead of being released means its worker died, perhaps between Slack taking a post and the
// post being recorded: `recovering` tells the next holder to look before posting again.
export async function claimThreadLease(db: Database, conversationId: string, ms: number): Promise<ThreadLease> {
  const now = new Date();
  const until = new Date(now.getTime() + ms);
  const rows = await db.$queryRaw<{ previous: Date | null }[]>`
    UPDATE "Conversation" c SET "threadLeaseUntil" = ${until}
    FROM (SELECT id, "threadLeaseUntil" AS previous FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE) p
    WHERE c.id = p.id AND (p.previous IS NULL OR p.previous < ${now})
      AND (c."threadPausedUntil" IS NULL OR c."threadPausedUntil" <= ${now})
    RETURNING p.previous`;
  const row = rows[0];
  if (row) return { claimed: true, recovering: row.previous !== null, until };
  const paused = await db.conversation.findUnique({ where: { id: conversationId }, select: { threadPausedUntil: true } });
  const pausedUntil = paused?.threadPausedUntil && paused.threadPausedUntil > now ? paused.threadPausedUntil : null;
  return { claimed: false, pausedUntil };
}

// Slack said to wait before posting again: every worker holds off this thread until then, so the same
// post is not tried again early by another job for the conversation.
export async function pauseThread(db: Database, conversationId: string, until: Date): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: { threadPausedUntil: until } });
}

// Extends a lease still held; `null` when another worker took the thread over meanwhile.
export async function renewThreadLease(db: Database, conversationId: string, held: Date, ms: number): Promise<Date | null> {
  const until = new Date(Date.now() + ms);
  const { count } = await db.conversation.updateMany({ where: { id: conversationId, threadLeaseUntil: held }, data: { threadLeaseUntil: until } });
  return count === 1 ? until : null;
}

// Gives a lease back. Left needing a read-back (`unrecorded`: a post Slack may have taken is not recorded),
// it is released as if it had run out, so the next holder looks before posting again.
export async function releaseThreadLease(db: Database, conversationId: string, held: Date, unrecorded: boolean): Promise<void> {
  await db.conversation.updateMany({
    where: { id: conversationId, threadLeaseUntil: held },
    data: { threadLeaseUntil: unrecorded ? new Date(0) : null },
  });
}

export async function recordRootMessage(db: Database, conversationId: string, slackTs: string, version: number): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: { slackThreadTs: slackTs, rootVersion: version } });
}

// Remembers which version the root message shows, never going backwards when updates finish out of order.
export async function recordRootVersion(db: Database, conversationId: string, version: number): Promise<void> {
  await db.conversation.updateMany({ where: { id: conversationId, rootVersion: { lt: version } }, data: { rootVersion: version } });
}
