import type { Database } from '../db/client';
import { undeliveredAccountNotices } from '../db/repositories/account-notices';
import { deliveriesToResume } from '../db/repositories/deliveries';
import { unsentDirectMessages } from '../db/repositories/direct-messages';
import { autoAssignmentsDue, waitingAssignmentsToResume } from '../db/repositories/auto-assign';
import { unsentEscalations } from '../db/repositories/reminders';
import { unfinishedFeedback } from '../db/repositories/reply-feedback';
import { forgetHandledSlackEvents, unprocessedSlackEvents } from '../db/repositories/slack-inbox';
import { conversationsWithStaleSuggestions } from '../db/repositories/suggestions';
import type { WorkQueue } from './work-queue';

// Work younger than this is most likely still in the queue; older work was probably lost with a crash
// or a Redis outage between commit and enqueue.
const GRACE_MS = 10_000;
const BATCH = 500;
// How long a handled Slack event or interaction receipt is kept: far longer than Slack retries, long enough
// to look into a week's incident.
export const INBOX_KEEP_MS = 7 * 24 * 60 * 60_000;

// PostgreSQL is the truth: everything it says is unfinished is asked for again, under a fresh job id, so a job
// that already ran, failed for good or vanished with Redis does not stop the new one. Asking twice is
// harmless: events, deliveries, threads and feedback are claimed before a job acts on them, and a root
// update, a direct message or an escalation checks its row first.
export async function sweepOnce(db: Database, work: WorkQueue, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - GRACE_MS);
  const key = `sweep${now.getTime()}`;
  const owed = await db.conversation.findMany({
    where: {
      OR: [
        { slackThreadTs: null, createdAt: { lt: before } },
        { threadPosts: { some: { slackTs: null, createdAt: { lt: before } } } },
      ],
    },
    select: { id: true },
    take: BATCH,
  });
  // The thread job also brings suggestions' posts up to date.
  const unposted = [...new Set([...owed, ...(await conversationsWithStaleSuggestions(db, before, BATCH))].map((c) => c.id))].map((id) => ({ id }));
  const stale = await db.$queryRaw<{ id: string; version: number }[]>`
    SELECT id::text AS id, version FROM "Conversation"
    WHERE "slackThreadTs" IS NOT NULL AND "rootVersion" < version AND "updatedAt" < ${before}
    LIMIT ${BATCH}`;
  const deliveries = await deliveriesToResume(db, before, BATCH);
  const unsent = await unsentDirectMessages(db, before, BATCH);
  const escalations = await unsentEscalations(db, before, BATCH);
  const feedback = await unfinishedFeedback(db, before, BATCH);
  const events = await unprocessedSlackEvents(db, before, BATCH);
  const notices = await undeliveredAccountNotices(db, before, BATCH);
  const assignments = await autoAssignmentsDue(db, before, BATCH);
  const waiting = await waitingAssignmentsToResume(db, before, BATCH);
  for (const e of events) await work.handleSlackEvent(e.key, key);
  for (const c of unposted) await work.syncThread(c.id, key);
  for (const d of deliveries) await work.deliver(d.id, 0, key);
  for (const c of stale) await work.updateRoot(c.id, c.version, key);
  for (const m of unsent) await work.sendDirectMessage(m.id, key);
  for (const r of escalations) await work.sendEscalation(r.id, key);
  for (const f of feedback) await work.sendFeedback(f.id, key);
  for (const n of notices) await work.sendAccountNotice(n.id, key);
  for (const c of assignments) await work.assignAutomatically(c.id, key);
  for (const w of waiting) await work.assignWaiting(w.id, w.asked, key);
  await forgetHandledSlackEvents(db, new Date(now.getTime() - INBOX_KEEP_MS), BATCH * 10);
  return events.length + unposted.length + stale.length + deliveries.length + unsent.length + escalations.length + feedback.length + notices.length + assignments.length + waiting.length;
}
