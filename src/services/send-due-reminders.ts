import type { Database } from '../db/client';
import { clockRanOut, parseBusinessHours, type BusinessHours } from '../domain/business-hours';
import { addDirectMessages } from '../db/repositories/direct-messages';
import { dueReminders, lockForReminders, recordReminder, reminderBody, type DueReminder, type ReminderBody } from '../db/repositories/reminders';
import { addThreadPost } from '../db/repositories/thread-posts';
import { inTransaction, type Tx } from '../db/transaction';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import { requestWork } from './request-work';

export interface ReminderDeps {
  db: Database;
  work: WorkQueue;
  logger: Logger;
}

// Clocks looked at per query, those whose target passed first; any beyond wait for the next tick.
const BATCH = 1000;
// Clocks that business hours hold (a weekend's) are paged past, so they never keep the ones that ran out from
// firing; this many pages a tick at most.
const HELD_PAGES = 20;

// One tick of the reminder schedule, as of `now`. Each conversation's reminders fire in one transaction that
// holds its row, checks again that they are still due, and writes what they post: a tick on another worker
// waits for the row and then finds the reminders recorded. What they post goes out through the thread-post,
// direct-message and escalation jobs, which the sweeper asks for again after a crash.
export async function sendDueReminders(deps: ReminderDeps, now: Date): Promise<number> {
  const ranOut = outOfTime(now);
  const due = [...(await dueReminders(deps.db, now, BATCH, { businessHours: false })), ...(await ranOutInBusinessHours(deps.db, now, ranOut))];
  let fired = 0;
  for (const conversationId of new Set(due.map((r) => r.conversationId))) {
    const work = await inTransaction(deps.db, async (tx) => {
      if (!(await lockForReminders(tx, conversationId))) return [];
      const still = (await dueReminders(tx, now, BATCH, { conversationId })).filter(ranOut);
      const requests: (() => Promise<void>)[] = [];
      for (const reminder of still) {
        const id = await recordReminder(tx, reminder, now);
        if (id) requests.push(await fire(tx, deps.work, reminder, reminderBody(reminder, now), id));
      }
      return requests;
    });
    fired += work.length;
    await requestWork(deps.logger, work);
  }
  return fired;
}

async function ranOutInBusinessHours(db: Database, now: Date, ranOut: (r: DueReminder) => boolean): Promise<DueReminder[]> {
  const found: DueReminder[] = [];
  let after: Date | null = null;
  for (let page = 0; page < HELD_PAGES && found.length < BATCH; page++) {
    const clocks = await dueReminders(db, now, BATCH, { businessHours: true, after });
    found.push(...clocks.filter(ranOut));
    if (clocks.length < BATCH) break;
    after = clocks[clocks.length - 1]!.dueAt;
  }
  return found;
}

// Business hours as each workspace stored them, read once per tick. Stored text that no longer reads as
// hours (written by hand) leaves the clock running all the time rather than never.
function outOfTime(now: Date): (r: DueReminder) => boolean {
  const read = new Map<string, BusinessHours | null>();
  const hoursOf = (text: string) => {
    if (!read.has(text)) {
      const parsed = parseBusinessHours(text);
      read.set(text, 'hours' in parsed ? parsed.hours : null);
    }
    return read.get(text)!;
  };
  return (r) => clockRanOut(r.since, r.allowedSeconds, now, r.businessHours === null ? null : hoursOf(r.businessHours));
}

// Writes what one reminder posts, and returns the job that posts it once the transaction has committed.
async function fire(tx: Tx, work: WorkQueue, r: DueReminder, body: ReminderBody, reminderId: string): Promise<() => Promise<void>> {
  switch (r.kind) {
    case 'first_response':
      await addThreadPost(tx, r.conversationId, 'notice', { reminder: body });
      return () => work.syncThread(r.conversationId, `reminder-${reminderId}`);
    case 'escalation':
      return () => work.sendEscalation(reminderId);
    case 'reply_overdue':
    case 'idle': {
      const [dm] = await addDirectMessages(tx, r.conversationId, [{ userId: r.assigneeId!, why: r.kind }], body);
      return () => work.sendDirectMessage(dm!);
    }
  }
}
