import type { Database } from '../db/client';
import { unsentDirectMessages } from '../db/repositories/direct-messages';
import type { Logger } from '../logger';
import type { WorkQueue } from './work-queue';

// Work younger than this is most likely still in the queue; older work was probably lost with a crash
// or a Redis outage between commit and enqueue.
const GRACE_MS = 10_000;

export async function sweepOnce(db: Database, work: WorkQueue, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - GRACE_MS);
  const key = `sweep-${now.getTime()}`;
  const unposted = await db.conversation.findMany({
    where: {
      OR: [
        { slackThreadTs: null, createdAt: { lt: before } },
        { threadPosts: { some: { slackTs: null, createdAt: { lt: before } } } },
      ],
    },
    select: { id: true },
    take: 500,
  });
  const stale = await db.$queryRaw<{ id: string; version: number }[]>`
    SELECT id::text AS id, version FROM "Conversation"
    WHERE "slackThreadTs" IS NOT NULL AND "rootVersion" < version AND "updatedAt" < ${before}
    LIMIT 500`;
  const due = await db.outboundDelivery.findMany({
    where: { state: 'pending', notBefore: { lt: before } },
    select: { id: true },
    take: 500,
  });
  const unsent = await unsentDirectMessages(db, before, 500);
  for (const c of unposted) await work.syncThread(c.id, key);
  for (const d of due) await work.deliver(d.id);
  for (const c of stale) await work.updateRoot(c.id, c.version);
  for (const m of unsent) await work.sendDirectMessage(m.id);
  return unposted.length + stale.length + due.length + unsent.length;
}

export function startSweeper(db: Database, work: WorkQueue, logger: Logger, everyMs = 30_000): () => void {
  const timer = setInterval(() => {
    sweepOnce(db, work)
      .then((n) => n > 0 && logger.info({ requeued: n }, 'sweeper re-queued unfinished work'))
      .catch((err) => logger.warn({ err }, 'sweep failed; trying again next round'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
