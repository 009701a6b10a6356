import { Prisma, type ThreadPost, type ThreadPostKind } from '../../generated/prisma/client';
import type { Database } from '../client';
import { execute, queryRows } from '../statements';
import type { Tx } from '../transaction';

export type ThreadPostRow = ThreadPost;

export async function addThreadPost(tx: Tx, conversationId: string, kind: ThreadPostKind, body: object): Promise<bigint> {
  const post = await tx.threadPost.create({ data: { conversationId, kind, body } });
  return post.seq;
}

// The statements below run for every alert and every thread post, so they go by the driver (db/statements.ts).
// A post can be gone by now: moving the alert replaces the posts still waiting with the whole history.
export async function markThreadPostPosted(db: Database, seq: bigint, slackTs: string): Promise<void> {
  await execute(db, Prisma.sql`UPDATE "ThreadPost" SET "slackTs" = ${slackTs}, "postedAt" = ${new Date()} WHERE seq = ${seq}`);
}

// `until` is the lease as held: renewing and releasing touch the lease only while it is still this one.
export type ThreadLease = { claimed: false; pausedUntil: Date | null } | { claimed: true; recovering: boolean; until: Date };

// One worker at a time posts into a conversation's thread, so posts keep their order across replicas. A lease
// that ran out instead of being released means its worker died, perhaps between Slack taking a post and the
// post being recorded: `recovering` tells the next holder to look before posting again.
export async function claimThreadLease(db: Database, conversationId: string, ms: number): Promise<ThreadLease> {
  const now = new Date();
  const until = new Date(now.getTime() + ms);
  // One round trip either way: the row locked, taken if free, and otherwise why not.
  const [row] = await queryRows<{ claimed: boolean; previous: Date | null; pausedUntil: Date | null }>(db, Prisma.sql`
    WITH p AS (
      SELECT id, "threadLeaseUntil" AS previous, "threadPausedUntil" AS paused FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE
    ), claimed AS (
      UPDATE "Conversation" c SET "threadLeaseUntil" = ${until} FROM p
      WHERE c.id = p.id AND (p.previous IS NULL OR p.previous < ${now}) AND (p.paused IS NULL OR p.paused <= ${now})
      RETURNING p.previous
    )
    SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT previous FROM claimed) AS previous, p.paused AS "pausedUntil" FROM p`);
  if (row?.claimed) return { claimed: true, recovering: row.previous !== null, until };
  const pausedUntil = row?.pausedUntil && row.pausedUntil > now ? row.pausedUntil : null;
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
  const count = await execute(db, Prisma.sql`
    UPDATE "Conversation" SET "threadLeaseUntil" = ${until} WHERE id = ${conversationId}::uuid AND "threadLeaseUntil" = ${held}`);
  return count === 1 ? until : null;
}

// Gives a lease back. Left needing a read-back (`unrecorded`: a post Slack may have taken is not recorded),
// it is released as if it had run out, so the next holder looks before posting again.
export async function releaseThreadLease(db: Database, conversationId: string, held: Date, unrecorded: boolean): Promise<void> {
  await execute(db, Prisma.sql`
    UPDATE "Conversation" SET "threadLeaseUntil" = ${unrecorded ? new Date(0) : null}
    WHERE id = ${conversationId}::uuid AND "threadLeaseUntil" = ${held}`);
}

export async function recordRootMessage(db: Database, conversationId: string, slackTs: string, version: number): Promise<void> {
  await execute(db, Prisma.sql`
    UPDATE "Conversation" SET "slackThreadTs" = ${slackTs}, "rootVersion" = ${version}, "updatedAt" = ${new Date()} WHERE id = ${conversationId}::uuid`);
}

// Remembers which version the root message shows, never going backwards when updates finish out of order.
export async function recordRootVersion(db: Database, conversationId: string, version: number): Promise<void> {
  await execute(db, Prisma.sql`
    UPDATE "Conversation" SET "rootVersion" = ${version}, "updatedAt" = ${new Date()} WHERE id = ${conversationId}::uuid AND "rootVersion" < ${version}`);
}
