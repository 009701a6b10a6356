import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import { execute, queryRows } from '../statements';
import type { Tx } from '../transaction';

export interface InboxEntry {
  key: string;
  // Events of one lane (a thread) are handled in the order they were stored.
  lane: string | null;
  payload: object;
}

// PostgreSQL's jsonb cannot hold U+0000. Slack never sends one; a payload that does would otherwise be refused
// on every retry, so it is stored without it.
function jsonbSafe(payload: object): string {
  return JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\u0000/g, '') : value));
}

// One statement, so Slack's answer waits for a single round trip. A retry of an event already stored stores
// nothing. The time is ours, not the database session's, as every time the sweeper compares it with is.
export async function storeSlackEvent(db: Database, e: InboxEntry): Promise<void> {
  await execute(db, Prisma.sql`
    INSERT INTO "SlackInbox" ("key", "lane", "payload", "receivedAt") VALUES (${e.key}, ${e.lane}, ${jsonbSafe(e.payload)}::jsonb, ${new Date()})
    ON CONFLICT ("key") DO NOTHING`);
}

// Written in the same transaction as the work an event or interaction causes: null means that work was
// already done (a Slack retry, a redelivery, a second worker), so this transaction must do nothing; else when
// the event reached Handoff. An interaction has no inbox entry yet; an event's entry is marked processed. Two
// workers racing on one entry queue on its row lock, and the second sees it processed.
export async function claimSlackReceipt(tx: Tx | Database, key: string): Promise<{ receivedAt: Date } | null> {
  const rows = await tx.$queryRaw<{ key: string; receivedAt: Date }[]>`${receiptClaim(key)}`;
  return rows[0] ?? null;
}

// The statement that claims a receipt, returning its key and arrival only when this claim took it; `onlyIf`,
// a query that must return a row, lets a larger statement claim it on a condition of its own.
export function receiptClaim(key: string, onlyIf?: Prisma.Sql): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`
    INSERT INTO "SlackInbox" ("key", "processedAt", "receivedAt")
    SELECT ${key}, ${now}::timestamptz, ${now}::timestamptz ${onlyIf ? Prisma.sql`WHERE EXISTS (${onlyIf})` : Prisma.empty}
    ON CONFLICT ("key") DO UPDATE SET "processedAt" = EXCLUDED."processedAt"
    WHERE "SlackInbox"."processedAt" IS NULL
    RETURNING "key", "receivedAt"`;
}

export interface StoredSlackEvent {
  key: string;
  lane: string | null;
  payload: object | null;
  receivedAt: Date;
  processedAt: Date | null;
  // An event stored before this one in the same lane still waits to be handled.
  behindEarlier: boolean;
}

// The event and whether its lane holds it back, in one round trip.
export async function loadSlackEvent(db: Database, key: string): Promise<StoredSlackEvent | null> {
  const rows = await queryRows<StoredSlackEvent>(db, Prisma.sql`
    SELECT i."key", i."lane", i."payload", i."receivedAt", i."processedAt",
      EXISTS (SELECT 1 FROM "SlackInbox" e WHERE e."lane" = i."lane" AND e."processedAt" IS NULL AND e."seq" < i."seq") AS "behindEarlier"
    FROM "SlackInbox" i WHERE i."key" = ${key}`);
  return rows[0] ?? null;
}

// Marks a handled event processed (its handler may have already, in the transaction of its work) and finds
// the next event of its lane still waiting, in one round trip. The lookup reads the table as it was before
// this statement, so the event itself is left out by its key.
export async function finishSlackEvent(db: Database, key: string, lane: string | null): Promise<string | null> {
  const rows = await queryRows<{ key: string }>(db, Prisma.sql`
    WITH claimed AS (${receiptClaim(key)})
    SELECT "key" FROM "SlackInbox" WHERE "lane" = ${lane} AND "processedAt" IS NULL AND "key" <> ${key} ORDER BY "seq" LIMIT 1`);
  return rows[0]?.key ?? null;
}

// The first event of a lane still waiting, which may go now that the one before it is done.
export async function nextInLane(db: Database, lane: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT "key" FROM "SlackInbox" WHERE "lane" = ${lane} AND "processedAt" IS NULL ORDER BY "seq" LIMIT 1`;
  return rows[0]?.key ?? null;
}

// Counted only when handling fails; the count outlives job ids.
export async function noteSlackEventFailure(db: Database, key: string, error: string): Promise<number> {
  const row = await db.slackInbox.update({ where: { key }, data: { attempts: { increment: 1 }, error } });
  return row.attempts;
}

// Handling failed for good: kept with the reason, so it no longer holds up its lane.
export async function markSlackEventFailed(db: Database, key: string, error: string): Promise<void> {
  await db.slackInbox.updateMany({ where: { key, processedAt: null }, data: { processedAt: new Date(), error } });
}

// When the event waiting longest to be handled arrived: how far the inbox's workers are behind. Events are
// numbered as they are stored, and only unprocessed ones are in the partial index, so this reads few rows.
export async function oldestUnprocessedSlackEvent(db: Database): Promise<Date | null> {
  const row = await db.slackInbox.findFirst({ where: { processedAt: null }, orderBy: { seq: 'asc' }, select: { receivedAt: true } });
  return row?.receivedAt ?? null;
}

export async function unprocessedSlackEvents(db: Database, before: Date, take: number): Promise<{ key: string }[]> {
  return db.slackInbox.findMany({ where: { processedAt: null, receivedAt: { lt: before } }, select: { key: true }, orderBy: { seq: 'asc' }, take });
}

// Slack stops retrying an event within minutes; a handled entry kept this long has nothing left to stop.
// Deleted in batches, so one sweep never holds the table for long.
export async function forgetHandledSlackEvents(db: Database, handledBefore: Date, batch: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "SlackInbox" WHERE "key" IN (
      SELECT "key" FROM "SlackInbox" WHERE "processedAt" IS NOT NULL AND "processedAt" < ${handledBefore} LIMIT ${batch})`;
}
