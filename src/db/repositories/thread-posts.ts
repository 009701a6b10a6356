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

// One worker at a time posts into a conversation's thread, so posts keep their order across replicas.
export async function claimThreadLease(db: Database, conversationId: string, ms: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.conversation.updateMany({
    where: { id: conversationId, OR: [{ threadLeaseUntil: null }, { threadLeaseUntil: { lt: now } }] },
    data: { threadLeaseUntil: new Date(now.getTime() + ms) },
  });
  return count === 1;
}

export async function releaseThreadLease(db: Database, conversationId: string): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: { threadLeaseUntil: null } });
}

export async function recordRootMessage(db: Database, conversationId: string, slackTs: string, version: number): Promise<void> {
  await db.conversation.update({ where: { id: conversationId }, data: { slackThreadTs: slackTs, rootVersion: version } });
}

// Remembers which version the root message shows, never going backwards when updates finish out of order.
export async function recordRootVersion(db: Database, conversationId: string, version: number): Promise<void> {
  await db.conversation.updateMany({ where: { id: conversationId, rootVersion: { lt: version } }, data: { rootVersion: version } });
}
