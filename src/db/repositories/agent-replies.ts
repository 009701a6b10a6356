import type { SharedFile } from '../../domain/file-link';
import type { Feedback, ReplyState } from '../../domain/reply-relay';
import type { Database } from '../client';
import { Prisma } from '../../generated/prisma/client';
import { jsonb } from '../sql';
import { queryRows } from '../statements';
import type { Tx } from '../transaction';
import { addDelivery, newDeliveryId } from './deliveries';
import { addThreadPost } from './thread-posts';
import { receiptClaim } from './slack-inbox';

export interface AgentReplyRecord {
  eventId: string;
  conversationId: string;
  // The conversation as the reply was judged: nothing is written if it moved since.
  conversationVersion: number;
  slackTs: string;
  authorId: string;
  text: string;
  files: SharedFile[];
  at: Date;
  state: ReplyState;
  error: string | null;
  feedback?: Feedback;
  // The delivery to the platform, for a reply that is sent.
  delivery?: { notBefore: Date };
}

export type StoredReply =
  // The conversation moved since the reply was judged: nothing was written; judge it again.
  | { moved: true }
  // `claimed` false: the event was handled already (a Slack retry, a second worker), and nothing was written.
  | { moved: false; claimed: boolean; feedbackId?: string; deliveryId?: string };

// An agent's reply that changes nothing about its conversation, in one statement: the event's receipt, the
// message, the agent's feedback and the delivery, or nothing at all when the receipt was claimed before or
// the conversation moved. The conversation's row is share-locked, so a transition cannot slip in between.
export async function storeAgentReply(db: Database, r: AgentReplyRecord): Promise<StoredReply> {
  const { kind, ...feedbackBody } = r.feedback ?? { kind: null };
  const deliveryId = r.delivery ? newDeliveryId() : null;
  const rows = await queryRows<{ unchanged: boolean; claimed: boolean; feedbackId: string | null }>(db, Prisma.sql`
    WITH unchanged AS (
      SELECT id FROM "Conversation" WHERE id = ${r.conversationId}::uuid AND version = ${r.conversationVersion} FOR SHARE
    ), claimed AS (${receiptClaim(r.eventId, Prisma.sql`SELECT 1 FROM unchanged`)}), message AS (
      INSERT INTO "Message" (id, "conversationId", role, "slackTs", "authorId", text, attachments, at, "relayState", "relayError")
      SELECT gen_random_uuid(), ${r.conversationId}::uuid, 'agent', ${r.slackTs}, ${r.authorId}, ${r.text}, ${jsonb(r.files)},
        ${r.at}, ${r.state}::"RelayState", ${r.error}
      FROM claimed
      RETURNING id
    ), feedback AS (
      INSERT INTO "ReplyFeedback" (id, "messageId", kind, body)
      SELECT gen_random_uuid(), message.id, ${kind}::"ReplyFeedbackKind", ${jsonb(feedbackBody)}
      FROM message WHERE ${kind}::text IS NOT NULL
      RETURNING id
    ), delivery AS (
      INSERT INTO "OutboundDelivery" (id, "conversationId", "messageId", type, payload, "notBefore", "eventReceivedAt")
      SELECT ${deliveryId}, ${r.conversationId}::uuid, message.id, 'agent.message', '{}'::jsonb, ${r.delivery?.notBefore ?? new Date()},
        (SELECT "receivedAt" FROM claimed)
      FROM message WHERE ${deliveryId}::text IS NOT NULL
    )
    SELECT EXISTS (SELECT 1 FROM unchanged) AS unchanged, EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT id FROM feedback) AS "feedbackId"`);
  const row = rows[0]!;
  if (!row.unchanged) return { moved: true };
  if (!row.claimed) return { moved: false, claimed: false };
  return { moved: false, claimed: true, ...(row.feedbackId ? { feedbackId: row.feedbackId } : {}), ...(deliveryId ? { deliveryId } : {}) };
}

export interface HandoffAgentMessage {
  conversationId: string;
  authorId: string;
  authorName: string;
  authorAvatarUrl: string | null;
  text: string;
  // For the AI's suggestion: who it came from, shown under the message.
  suggestionId?: string;
}

// A message Handoff sends for an agent: the message, its post in the thread (as the agent) and its delivery
// to the platform, all owed by this one transaction. Its Slack ts is recorded once the thread job posts it.
export async function addHandoffAgentMessage(tx: Tx, m: HandoffAgentMessage, eventReceivedAt: Date): Promise<{ messageId: string; deliveryId: string }> {
  const message = await tx.message.create({
    data: {
      conversationId: m.conversationId,
      role: 'agent',
      authorId: m.authorId,
      authorName: m.authorName,
      authorAvatarUrl: m.authorAvatarUrl,
      text: m.text,
      at: new Date(),
      relayState: 'pending',
      sentFromHandoff: true,
    },
  });
  await addThreadPost(tx, m.conversationId, 'agent_message', {
    messageId: message.id,
    text: m.text,
    authorId: m.authorId,
    authorName: m.authorName,
    authorAvatarUrl: m.authorAvatarUrl,
    ...(m.suggestionId ? { suggestionId: m.suggestionId } : {}),
  });
  const deliveryId = await addDelivery(tx, { conversationId: m.conversationId, messageId: message.id, type: 'agent.message', eventReceivedAt });
  return { messageId: message.id, deliveryId };
}

// The thread job posted it: replies to it and reactions now find it, as they find a typed reply.
export async function recordAgentMessagePosted(db: Database, messageId: string, slackTs: string): Promise<void> {
  await db.message.updateMany({ where: { id: messageId, slackTs: null }, data: { slackTs } });
}
