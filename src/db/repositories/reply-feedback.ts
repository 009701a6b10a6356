import type { Feedback } from '../../domain/reply-relay';
import { Prisma, type RelayState } from '../../generated/prisma/client';
import type { Database } from '../client';
import { execute, queryRows } from '../statements';
import type { Tx } from '../transaction';

export async function addFeedback(tx: Tx, messageId: string, feedback: Feedback): Promise<string> {
  const { kind, ...body } = feedback;
  const row = await tx.replyFeedback.create({ data: { messageId, kind, body: body as object } });
  return row.id;
}

// What showing one piece of feedback needs: the reply it is about and where that reply is in Slack.
export interface LoadedFeedback {
  id: string;
  attempts: number;
  feedback: Feedback;
  message: {
    id: string;
    authorId: string | null;
    slackTs: string | null;
    relayState: RelayState;
    failureNoticeTs: string | null;
    // Handoff posts such a message itself, by a job that may not have run yet.
    sentFromHandoff: boolean;
    conversation: { workspaceId: string; slackChannelId: string; slackThreadTs: string | null; channelType: string };
  };
}

// The reply a piece of feedback is about, as LoadedFeedback holds it, over the message `m` and its conversation `c`.
export const FEEDBACK_MESSAGE = Prisma.sql`jsonb_build_object('id', m.id, 'authorId', m."authorId", 'slackTs', m."slackTs", 'relayState', m."relayState",
  'failureNoticeTs', m."failureNoticeTs", 'sentFromHandoff', m."sentFromHandoff",
  'conversation', jsonb_build_object('workspaceId', c."workspaceId", 'slackChannelId', c."slackChannelId", 'slackThreadTs', c."slackThreadTs", 'channelType', c."channelType"))`;

export type FeedbackRow = Omit<LoadedFeedback, 'feedback'> & { kind: Feedback['kind']; body: object };

// A row of feedback as a statement returns it, read into what showing it needs.
export function loadedFeedback(row: FeedbackRow): LoadedFeedback {
  const { kind, body, ...rest } = row;
  return { ...rest, feedback: { kind, ...body } as Feedback };
}

// Takes one piece of feedback to show, unless it is shown already or another job is showing it now, and reads
// what showing it needs, in one statement.
export async function claimFeedback(db: Database, id: string, leaseMs: number): Promise<LoadedFeedback | null> {
  const now = new Date();
  const rows = await queryRows<FeedbackRow>(db, Prisma.sql`
    WITH claimed AS (
      UPDATE "ReplyFeedback" SET "leaseUntil" = ${new Date(now.getTime() + leaseMs)}
      WHERE id = ${id}::uuid AND "doneAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
      RETURNING id, "messageId", kind, body, attempts
    )
    SELECT f.id, f.kind::text AS kind, f.body, f.attempts, ${FEEDBACK_MESSAGE} AS message
    FROM claimed f JOIN "Message" m ON m.id = f."messageId" JOIN "Conversation" c ON c.id = m."conversationId"`);
  const row = rows[0];
  return row ? loadedFeedback(row) : null;
}


// Counted before a post that Slack might accept while we crash, so the next attempt knows to look for it.
export async function noteFeedbackAttempt(db: Database, id: string): Promise<void> {
  await db.replyFeedback.update({ where: { id }, data: { attempts: { increment: 1 } } });
}

export async function finishFeedback(db: Database, id: string, error?: string): Promise<void> {
  await execute(db, Prisma.sql`
    UPDATE "ReplyFeedback" SET "doneAt" = ${new Date()}, error = ${error ?? null}, "leaseUntil" = NULL WHERE id = ${id}::uuid`);
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
