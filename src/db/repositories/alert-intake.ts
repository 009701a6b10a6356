import type { ChannelType, Priority, Reason, Status, TranscriptLine } from '../../domain/conversation';
import type { Database } from '../client';
import { jsonb } from '../sql';
import { queryRows } from '../statements';
import { isUniqueViolation } from '../errors';
import type { StoredAnswer } from './inbound-deliveries';
import { agentsAvailableSql } from './availability';
import { transcriptRecords } from './messages';
import { spelledAsKnownSql } from './tags';
import { customerSeenSql } from './customers';
import { Prisma } from '../../generated/prisma/client';
import type { Customer } from '../../domain/conversation';

export interface OpeningAlert {
  workspaceId: string;
  platformId: string;
  webhookId: string;
  externalId: string;
  status: Status;
  reason: Reason;
  priority: Priority;
  slackChannelId: string;
  // The settings version the channel was routed by: nothing is stored when they have changed since.
  settingsVersion: number;
  mentionUserGroup: string | null;
  summary: string | null;
  scores: object;
  customer: Customer;
  channelType: ChannelType;
  channelName: string | null;
  tags: string[];
  link: string | null;
  metadata: object;
  replyWindowEndsAt: Date | null;
  payload: object;
  transcript: TranscriptLine[];
  // The AI's draft of the next reply, offered in the thread after the transcript.
  suggestion: { id: string; text: string } | null;
  receivedAt: Date;
  answer: StoredAnswer;
  // Sent to the platform, under this id, when nobody is online to take the conversation.
  unattended: { deliveryId: string; payload: object };
}

export interface OpenedConversation {
  conversationId: string;
  // Its workspace assigns new conversations automatically, so a job must choose an agent.
  autoAssignDue: boolean;
  // Somebody was online to take it; when not, the unattended event was stored too.
  agentsAvailable: boolean;
}

// The first alert of a conversation, written in one statement: one round trip instead of a transaction of
// ten, the customer's record included. It writes nothing when the webhook was seen before or the conversation already exists (returns null),
// and the caller takes the general path, which answers replays and re-alerts. A statement is atomic, so a
// crash leaves either all of it or none.
// The answer stored for replays says whether anybody was online, as decided in this same statement.
// 'settings_changed' when it was routed by settings an admin has changed since: route it again and retry.
export async function openConversationAtOnce(db: Database, a: OpeningAlert): Promise<OpenedConversation | 'settings_changed' | null> {
  const lines = transcriptRecords(a.transcript, a.receivedAt);
  // The thread opens by teaching how replies reach the customer and how to keep one internal, then shows the
  // transcript; ORDER BY makes the posts take their sequence numbers in that order.
  const posts = [
    { kind: 'notice', body: { intro: true } },
    ...(lines.length > 0 ? [{ kind: 'transcript', body: { lines: a.transcript } }] : []),
    ...(a.suggestion ? [{ kind: 'suggestion', body: { suggestionId: a.suggestion.id, text: a.suggestion.text } }] : []),
  ];
  const unseen = Prisma.sql`NOT EXISTS (SELECT 1 FROM "InboundDelivery" WHERE "platformId" = ${a.platformId}::uuid AND "webhookId" = ${a.webhookId})`;
  // The customer's record is written under the conversation's own conditions: never for a replay, nor for an alert
  // routed by settings changed since (it is routed again and comes back).
  const opening = Prisma.sql`${unseen} AND (SELECT current FROM settings)`;
  const seen = { workspaceId: a.workspaceId, platformId: a.platformId, customer: a.customer, at: a.receivedAt };
  const rows = await queryRows<{ id: string | null; autoAssignDue: boolean | null; agentsAvailable: boolean; routedByCurrent: boolean }>(db, Prisma.sql`
    WITH settings AS (
      SELECT "settingsVersion" = ${a.settingsVersion} AS current FROM "Workspace" WHERE id = ${a.workspaceId}::uuid
    ), available AS (
      SELECT ${agentsAvailableSql(a.workspaceId)} AS agents
    ), customer AS (${customerSeenSql(seen, opening)}
    ), spelled AS (
      SELECT ${spelledAsKnownSql(a.workspaceId, a.tags)} AS tags
    ), conversation AS (
      INSERT INTO "Conversation" (id, "workspaceId", "platformId", "externalId", status, reason, priority, "slackChannelId",
        "mentionUserGroup", "autoAssignDue", summary, scores, customer, "customerId", "channelType", "channelName", tags, link, metadata, "replyWindowEndsAt", "updatedAt")
      SELECT gen_random_uuid(), ${a.workspaceId}::uuid, ${a.platformId}::uuid, ${a.externalId}, ${a.status}::"ConversationStatus",
        ${a.reason}::"HandoffReason", ${a.priority}::"Priority", ${a.slackChannelId},
        ${a.mentionUserGroup}, (SELECT "autoAssign" FROM "Workspace" WHERE id = ${a.workspaceId}::uuid), ${a.summary}, ${jsonb(a.scores)}, ${jsonb(a.customer)},
        (SELECT id FROM customer), ${a.channelType}, ${a.channelName}, (SELECT tags FROM spelled), ${a.link}, ${jsonb(a.metadata)}, ${a.replyWindowEndsAt}::timestamptz, now()
      WHERE ${opening}
      ON CONFLICT ("platformId", "externalId") DO NOTHING
      RETURNING id, "autoAssignDue", tags
    ), event AS (
      INSERT INTO "ConversationEvent" ("conversationId", type, data)
      SELECT id, 'alert_received', ${jsonb({ reason: a.reason, priority: a.priority })} FROM conversation
    ), posts AS (
      INSERT INTO "ThreadPost" ("conversationId", kind, body)
      SELECT c.id, p.kind::"ThreadPostKind", p.body FROM conversation c, jsonb_array_elements(${jsonb(posts)}) WITH ORDINALITY AS e(post, n),
        LATERAL (SELECT e.post->>'kind' AS kind, e.post->'body' AS body) p
      ORDER BY e.n
    ), tags AS (
      -- Offered in the tag picker from now on, like a tag an agent typed.
      INSERT INTO "Tag" ("workspaceId", name)
      SELECT ${a.workspaceId}::uuid, t.name FROM conversation, unnest(conversation.tags) AS t(name)
      ON CONFLICT DO NOTHING
    ), suggestion AS (
      INSERT INTO "Suggestion" (id, "conversationId", text)
      SELECT ${a.suggestion?.id ?? null}::uuid, id, ${a.suggestion?.text ?? null} FROM conversation WHERE ${a.suggestion?.text ?? null}::text IS NOT NULL
    ), alert AS (
      INSERT INTO "Alert" (id, "conversationId", "webhookId", reason, priority, payload)
      SELECT gen_random_uuid(), id, ${a.webhookId}, ${a.reason}::"HandoffReason", ${a.priority}::"Priority", ${jsonb(a.payload)} FROM conversation
    ), lines AS (
      INSERT INTO "Message" (id, "conversationId", role, "externalId", text, at)
      SELECT gen_random_uuid(), c.id, l.role::"MessageRole", l."externalId", l.text, l.at
      FROM conversation c, jsonb_to_recordset(${jsonb(lines)}) AS l(role text, "externalId" text, text text, at timestamptz)
      ON CONFLICT DO NOTHING
    ), answer AS (
      INSERT INTO "InboundDelivery" ("platformId", "webhookId", "statusCode", "responseBody")
      SELECT ${a.platformId}::uuid, ${a.webhookId}, ${a.answer.statusCode}, ${jsonb(a.answer.body)} || jsonb_build_object('agentsAvailable', available.agents)
      FROM conversation, available
    ), unattended AS (
      INSERT INTO "OutboundDelivery" (id, "conversationId", type, payload)
      SELECT ${a.unattended.deliveryId}, c.id, 'conversation.unattended', ${jsonb(a.unattended.payload)} FROM conversation c, available WHERE NOT available.agents
    )
    SELECT c.id, c."autoAssignDue", available.agents AS "agentsAvailable", settings.current AS "routedByCurrent"
    FROM settings CROSS JOIN available LEFT JOIN conversation c ON true`).catch((err: unknown) => {
    // The same webhook-id, sent for another conversation at the same moment, was stored first.
    if (isUniqueViolation(err)) return [];
    throw err;
  });
  const row = rows[0];
  if (row && !row.routedByCurrent) return 'settings_changed';
  return row?.id ? { conversationId: row.id, autoAssignDue: row.autoAssignDue === true, agentsAvailable: row.agentsAvailable } : null;
}
