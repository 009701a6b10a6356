import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../domain/conversation';
import type { Overdue } from '../../domain/response-targets';
import { jsonb } from '../sql';
import type { ReminderKind } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';
import { findShownById } from './conversations';

// A response-time clock past its target in wall-clock time, whose reminder has not fired yet.
export interface DueReminder {
  conversationId: string;
  kind: ReminderKind;
  // Which clock: the wait, the unanswered customer message or the quiet spell, so each reminds once.
  key: string;
  // When the clock started, and the seconds it allowed.
  since: Date;
  allowedSeconds: number;
  priority: Priority;
  assigneeId: string | null;
  // The workspace's business hours, when its clocks only run inside them.
  businessHours: string | null;
  // When its wall-clock target passed.
  dueAt: Date;
}

// Which clocks a query looks at: one conversation's (just before they fire), those of workspaces whose clocks
// always run (every one returned has run out), or those of workspaces with business hours, past `after` (a
// clock held by them may not have run out yet, so the caller pages on past them).
export type ClockSelection = { conversationId: string } | { businessHours: false } | { businessHours: true; after: Date | null };

// Due reminders are computed from the rows every change already writes, so alert intake and the reply relay
// write nothing extra: a waiting conversation's clock runs from when it entered `waiting` (statusChangedAt);
// one with a person from the first customer message after the last reply that went to the customer (not
// before it was taken), its quiet spell from its last message or change. Only open conversations (waiting or
// with a person, found through the status index) are looked at, each with index probes into its messages and
// events, and a clock whose reminder fired is left out through the Reminder table's unique key. Elapsed time
// here is wall-clock time, never less than business hours', so the caller has every clock that may have
// run out and counts business hours itself; the ones whose target passed first come first.
// An uninstalled workspace's conversations are kept, but nobody is there to remind.
export function dueReminders(db: Database | Tx, now: Date, limit: number, which: ClockSelection): Promise<DueReminder[]> {
  const only = 'conversationId' in which ? which.conversationId : null;
  const hours = 'businessHours' in which ? which.businessHours : null;
  const after = 'after' in which ? which.after : null;
  return db.$queryRaw<DueReminder[]>`
    WITH open AS (
      SELECT c.id, c.status, c.priority, c."assigneeId", c."statusChangedAt",
        (w."firstResponseTargets" ->> c.priority::text)::int AS target, w."idleCloseSeconds" AS idle, w."businessHours"
      FROM "Conversation" c JOIN "Workspace" w ON w.id = c."workspaceId"
      WHERE c.status IN ('waiting', 'human') AND w."uninstalledAt" IS NULL AND (${only}::uuid IS NULL OR c.id = ${only}::uuid)
        AND (${hours}::boolean IS NULL OR (w."businessHours" IS NOT NULL) = ${hours}::boolean)
    ), clocks AS (
      SELECT id, 'first_response' AS kind, "statusChangedAt" AS since, target AS allowed, NULL::text AS message
      FROM open WHERE status = 'waiting'
      UNION ALL
      SELECT id, 'escalation', "statusChangedAt", 2 * target, NULL FROM open WHERE status = 'waiting'
      UNION ALL
      SELECT o.id, 'reply_overdue', GREATEST(q.at, o."statusChangedAt"), o.target, q.id::text
      FROM open o CROSS JOIN LATERAL (
        SELECT m.id, m.at FROM "Message" m
        WHERE m."conversationId" = o.id AND m.role = 'customer' AND m.at > COALESCE((
          SELECT max(a.at) FROM "Message" a
          WHERE a."conversationId" = o.id AND a.role = 'agent' AND a."relayState" IN ('pending', 'delivered', 'failed')
        ), '-infinity')
        ORDER BY m.at LIMIT 1
      ) q
      WHERE o.status = 'human' AND o."assigneeId" IS NOT NULL
      UNION ALL
      SELECT o.id, 'idle', GREATEST(o."statusChangedAt",
          (SELECT max(m.at) FROM "Message" m WHERE m."conversationId" = o.id),
          (SELECT max(e.at) FROM "ConversationEvent" e WHERE e."conversationId" = o.id)),
        o.idle, NULL
      FROM open o WHERE o.status = 'human' AND o."assigneeId" IS NOT NULL
    ), keyed AS (
      SELECT *, COALESCE(message, floor(extract(epoch FROM since) * 1000)::bigint::text) AS key FROM clocks
    )
    SELECT k.id::text AS "conversationId", k.kind::"ReminderKind" AS kind, k.key, k.since, k.allowed AS "allowedSeconds",
      o.priority::text AS priority, o."assigneeId", o."businessHours", k.since + make_interval(secs => k.allowed) AS "dueAt"
    FROM keyed k JOIN open o ON o.id = k.id
    WHERE k.since + make_interval(secs => k.allowed) <= ${now}
      AND (${after}::timestamp IS NULL OR k.since + make_interval(secs => k.allowed) > ${after}::timestamp)
      AND NOT EXISTS (SELECT 1 FROM "Reminder" r WHERE r."conversationId" = k.id AND r.kind = k.kind::"ReminderKind" AND r.key = k.key)
    ORDER BY k.since + make_interval(secs => k.allowed)
    LIMIT ${limit}`;
}

// Holds the conversation's row until its reminders fire. Not SKIP LOCKED: the row is also held for a moment by
// every transition and thread-lease claim, and a reminder skipped for one of those would wait a whole tick;
// a tick on another worker waits here instead, then finds the reminders recorded. False when it is gone.
export async function lockForReminders(tx: Tx, conversationId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
  return rows.length === 1;
}

// What a reminder says, kept with it so it reads the same whenever it is shown.
export interface ReminderBody {
  priority: Priority;
  since: string;
  allowedSeconds: number;
  at: string;
}

export function reminderBody(r: DueReminder, at: Date): ReminderBody {
  return { priority: r.priority, since: r.since.toISOString(), allowedSeconds: r.allowedSeconds, at: at.toISOString() };
}

const storedBody = z.object({ priority: z.enum(PRIORITIES), since: z.iso.datetime(), allowedSeconds: z.number(), at: z.iso.datetime() });

export function overdueOf(body: unknown): Overdue {
  const b = storedBody.parse(body);
  return { ...b, since: new Date(b.since), at: new Date(b.at) };
}

// Records that a reminder fired; null when it already had (its clock's key is unique).
export async function recordReminder(tx: Tx, r: DueReminder, at: Date): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Reminder" (id, "conversationId", kind, key, body)
    VALUES (gen_random_uuid(), ${r.conversationId}::uuid, ${r.kind}::"ReminderKind", ${r.key}, ${jsonb(reminderBody(r, at))})
    ON CONFLICT ("conversationId", kind, key) DO NOTHING
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}

// With its conversation's customer as the team knows them now, whoever the alerts named.
export async function loadEscalation(db: Database, id: string) {
  const reminder = await db.reminder.findFirst({ where: { id, kind: 'escalation' } });
  const conversation = reminder && (await findShownById(db, reminder.conversationId));
  return reminder && conversation && { ...reminder, conversation };
}

export async function markEscalationSent(db: Database, id: string, slackTs: string): Promise<void> {
  await db.reminder.update({ where: { id }, data: { slackTs, sentAt: new Date(), error: null } });
}

// Slack refused it for good (the bot left the channel…): kept with the reason, and no longer asked for.
export async function markEscalationFailed(db: Database, id: string, error: string): Promise<void> {
  await db.reminder.update({ where: { id }, data: { error } });
}

export function unsentEscalations(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.reminder.findMany({ where: { kind: 'escalation', sentAt: null, error: null, firedAt: { lt: before } }, select: { id: true }, orderBy: { firedAt: 'asc' }, take });
}
