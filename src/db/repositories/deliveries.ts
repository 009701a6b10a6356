import { randomUUID } from 'node:crypto';
import type { DeliveryState, Step } from '../../domain/reply-relay';
import type { RelayMode, RelayState } from '../../generated/prisma/client';
import type { Database } from '../client';
import { Prisma } from '../../generated/prisma/client';
import { jsonb } from '../sql';
import { queryRows } from '../statements';
import { FEEDBACK_MESSAGE, loadedFeedback, type FeedbackRow, type LoadedFeedback } from './reply-feedback';
import type { Tx } from '../transaction';

export function newDeliveryId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

export async function addDelivery(
  tx: Tx,
  // `eventReceivedAt`: when the Slack event that caused it arrived, for the relay latency.
  d: { conversationId: string; messageId?: string; type: string; payload?: object; notBefore?: Date; eventReceivedAt?: Date },
): Promise<string> {
  const id = newDeliveryId();
  const { conversationId, messageId, type, notBefore, eventReceivedAt } = d;
  await tx.outboundDelivery.create({ data: { id, conversationId, messageId, type, payload: d.payload ?? {}, notBefore, eventReceivedAt } });
  return id;
}

// What sending a delivery needs, read with its claim: the reply it carries (if any), its conversation, and the
// workspace's relay settings as they are now.
export interface LoadedDelivery {
  id: string;
  conversationId: string;
  type: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  eventReceivedAt: Date | null;
  message: {
    id: string;
    text: string;
    authorId: string | null;
    attachments: unknown;
    deletedAt: string | null;
    relayState: RelayState;
    sentFromHandoff: boolean;
  } | null;
  conversation: { externalId: string; workspaceId: string; account: string | null };
  settings: { relayMode: RelayMode; sendMarker: string };
}

export type Claim =
  // `leaseUntil` is the lease as taken: the outcome is stored only while the delivery is still under it.
  | { status: 'claimed'; delivery: LoadedDelivery; leaseUntil: Date }
  // Its grace period or backoff has not ended yet.
  | { status: 'early'; notBefore: Date }
  // Finished, gone, another worker holds it, or an earlier delivery of the conversation is still unfinished
  // (which asks for this one when it finishes).
  | { status: 'not_now' };

// Takes one delivery for sending, in one statement: it must be due, not held by a live lease, and the first
// unfinished one of its conversation, so the platform gets a conversation's events in the order they were made.
export async function claimDelivery(db: Database, id: string, leaseMs: number): Promise<Claim> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await queryRows<LoadedDelivery>(db, Prisma.sql`
    WITH claimed AS (
      UPDATE "OutboundDelivery" d
      SET state = 'sending', "leaseUntil" = ${leaseUntil}, attempts = d.attempts + 1
      WHERE d.id = ${id}
        AND (d.state = 'pending' OR (d.state = 'sending' AND d."leaseUntil" < ${now}))
        AND d."notBefore" <= ${now}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboundDelivery" e
          WHERE e."conversationId" = d."conversationId" AND e.seq < d.seq AND e.state IN ('pending', 'sending'))
      RETURNING d.id, d."conversationId", d."messageId", d.type, d.payload, d.attempts, d."lastError", d."eventReceivedAt"
    )
    SELECT d.id, d."conversationId", d.type, d.payload, d.attempts, d."lastError", d."eventReceivedAt",
      CASE WHEN m.id IS NULL THEN NULL ELSE jsonb_build_object('id', m.id, 'text', m.text, 'authorId', m."authorId",
        'attachments', m.attachments, 'deletedAt', m."deletedAt", 'relayState', m."relayState",
        'sentFromHandoff', m."sentFromHandoff") END AS message,
      jsonb_build_object('externalId', c."externalId", 'workspaceId', c."workspaceId",
        'account', (SELECT p.account FROM "Platform" p WHERE p.id = c."platformId")) AS conversation,
      jsonb_build_object('relayMode', w."relayMode", 'sendMarker', w."sendMarker") AS settings
    FROM claimed d
      JOIN "Conversation" c ON c.id = d."conversationId"
      JOIN "Workspace" w ON w.id = c."workspaceId"
      LEFT JOIN "Message" m ON m.id = d."messageId"`);
  if (claimed.length === 1) return { status: 'claimed', delivery: claimed[0]!, leaseUntil };
  const [row] = await queryRows<{ state: DeliveryState; notBefore: Date }>(db, Prisma.sql`
    SELECT state, "notBefore" FROM "OutboundDelivery" WHERE id = ${id}`);
  if (row?.state === 'pending' && row.notBefore > now) return { status: 'early', notBefore: row.notBefore };
  return { status: 'not_now' };
}

export interface Recorded {
  // False when the lease ran out and another worker took the delivery over: this outcome is not stored.
  stored: boolean;
  // The team's feedback on the reply, stored with its lease already held by this worker, which shows it next.
  feedback?: LoadedFeedback;
  // A line for the conversation's thread, saying an event never reached the platform.
  threadNotice?: boolean;
  // The conversation's next delivery, now that this one no longer holds it up.
  next?: { id: string; notBefore: Date };
}

// Stores what the relay state machine decided for an attempt, with the feedback the team is owed, in one
// transaction, fenced by the lease: a crash after it loses nothing, a crash before it leaves a lease that runs
// out, and a worker that outlived its lease stores nothing over its successor's work.
export async function recordStep(db: Database, d: LoadedDelivery, leaseUntil: Date, step: Step, feedbackLeaseMs: number): Promise<Recorded> {
  const recorded = await recordAtOnce(db, d, leaseUntil, step, feedbackLeaseMs);
  // Read after the commit: a delivery whose claim saw this one still sending must find it finished now.
  if (recorded.stored && step.delivery !== 'pending') {
    const [next] = await queryRows<{ id: string; notBefore: Date }>(db, Prisma.sql`
      SELECT id, "notBefore" FROM "OutboundDelivery"
      WHERE "conversationId" = ${d.conversationId}::uuid AND state = 'pending' ORDER BY seq LIMIT 1`);
    if (next) recorded.next = next;
  }
  return recorded;
}

const retryAtOf = (step: Step) => (step.retryInMs !== undefined ? new Date(Date.now() + step.retryInMs) : undefined);

// One statement, atomic as a transaction is: the delivery fenced by its lease, then, only if it was, the
// reply's state and its feedback (claimed, and read as showing it needs), or for an event (not a reply) that
// failed for good a line in its thread.
async function recordAtOnce(db: Database, d: LoadedDelivery, leaseUntil: Date, step: Step, feedbackLeaseMs: number): Promise<Recorded> {
  const reply = d.message && step.reply ? { id: d.message.id, state: step.reply } : null;
  const feedback = reply && step.feedback ? step.feedback : null;
  const { kind, ...body } = feedback ?? { kind: null };
  const notice = !reply && step.feedback?.kind === 'failed' ? { undelivered: { type: d.type, why: step.feedback.why } } : null;
  const rows = await queryRows<{ stored: boolean; feedback: FeedbackRow | null }>(db, Prisma.sql`
    WITH fenced AS (
      UPDATE "OutboundDelivery" SET state = ${step.delivery}::"DeliveryState", "lastError" = ${step.error}, "leaseUntil" = NULL,
        "notBefore" = COALESCE(${retryAtOf(step) ?? null}::timestamptz, "notBefore"),
        "deliveredAt" = ${step.delivery === 'delivered' ? new Date() : null}::timestamptz
      WHERE id = ${d.id} AND state = 'sending' AND "leaseUntil" = ${leaseUntil}
      RETURNING id
    ), reply AS (
      UPDATE "Message" SET "relayState" = ${reply?.state ?? null}::"RelayState", "relayError" = ${step.error}
      WHERE id = ${reply?.id ?? null}::uuid AND EXISTS (SELECT 1 FROM fenced)
      RETURNING id, "conversationId", "authorId", "slackTs", "relayState", "failureNoticeTs", "sentFromHandoff"
    ), feedback AS (
      INSERT INTO "ReplyFeedback" (id, "messageId", kind, body, "leaseUntil")
      SELECT gen_random_uuid(), ${reply?.id ?? null}::uuid, ${kind}::"ReplyFeedbackKind", ${jsonb(body)}, ${new Date(Date.now() + feedbackLeaseMs)}
      WHERE ${kind}::text IS NOT NULL AND EXISTS (SELECT 1 FROM fenced)
      RETURNING id, kind, body, attempts
    ), notice AS (
      INSERT INTO "ThreadPost" ("conversationId", kind, body)
      SELECT ${d.conversationId}::uuid, 'notice', ${jsonb(notice)}
      WHERE ${notice !== null} AND EXISTS (SELECT 1 FROM fenced)
    )
    SELECT EXISTS (SELECT 1 FROM fenced) AS stored, (
      SELECT jsonb_build_object('id', f.id, 'kind', f.kind, 'body', f.body, 'attempts', f.attempts, 'message', ${FEEDBACK_MESSAGE})
      FROM feedback f, reply m JOIN "Conversation" c ON c.id = m."conversationId"
    ) AS feedback`);
  const row = rows[0]!;
  if (!row.stored) return { stored: false };
  return { stored: true, ...(row.feedback ? { feedback: loadedFeedback(row.feedback) } : {}), ...(notice ? { threadNotice: true } : {}) };
}

// The agent pressed Retry on a reply: the newest delivery of that reply, for the state machine to judge.
export async function replyDelivery(tx: Tx, workspaceId: string, messageId: string): Promise<{ id: string; state: DeliveryState } | null> {
  return tx.outboundDelivery.findFirst({
    where: { messageId, type: 'agent.message', conversation: { workspaceId } },
    orderBy: { seq: 'desc' },
    select: { id: true, state: true },
  });
}

// The same delivery (same webhook-id, so the platform can still drop a duplicate) with a fresh set of attempts,
// only if it is still as it was read: two Retry presses at once restart it once.
export async function restartDelivery(tx: Tx, id: string, from: DeliveryState, messageId: string, step: Step): Promise<boolean> {
  const { count } = await tx.outboundDelivery.updateMany({
    where: { id, state: from },
    data: { state: step.delivery, attempts: 0, lastError: null, notBefore: new Date() },
  });
  if (count === 1 && step.reply) await tx.message.update({ where: { id: messageId }, data: { relayState: step.reply, relayError: null } });
  return count === 1;
}

// The state of a reply's delivery, its row locked until the transaction ends; null for a reply never sent.
export async function lockReplyDelivery(tx: Tx, messageId: string): Promise<DeliveryState | null> {
  const rows = await tx.$queryRaw<{ state: DeliveryState }[]>`
    SELECT state::text AS state FROM "OutboundDelivery"
    WHERE "messageId" = ${messageId}::uuid AND type = 'agent.message'
    ORDER BY seq DESC LIMIT 1 FOR UPDATE`;
  return rows[0]?.state ?? null;
}

// Work the sweeper asks for again: due deliveries whose job was lost, and leases a crashed worker left.
export async function deliveriesToResume(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.outboundDelivery.findMany({
    where: {
      OR: [
        { state: 'pending', notBefore: { lt: before } },
        { state: 'sending', leaseUntil: { lt: new Date() } },
      ],
    },
    select: { id: true },
    orderBy: { seq: 'asc' },
    take,
  });
}

