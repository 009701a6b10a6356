import { HOME_PAGE_SIZE, type HomeConversation, type HomeCounts, type HomeFilters, type HomeQueue, type HomeState } from '../../domain/home-queues';
import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import { SHOWN_CUSTOMER, withCustomerName } from './conversations';

// The conversations of each App Home queue, straight from the database: counted, paged and filtered in SQL
// over the workspace's indexes, never by loading a workspace's conversations into memory.


function inQueue(queue: HomeQueue, userId: string, closedSince: Date): Prisma.Sql {
  switch (queue) {
    case 'mine':
      return Prisma.sql`c.status = 'human' AND c."assigneeId" = ${userId}`;
    case 'unassigned':
      return Prisma.sql`c.status = 'waiting'`;
    case 'open':
      return Prisma.sql`c.status = 'human'`;
    case 'ai':
      return Prisma.sql`c.status = 'ai'`;
    case 'closed':
      return Prisma.sql`c.status = 'closed' AND ${closedRecently(closedSince)}`;
  }
}

// Found from the week's close events (indexed by type and time), so a workspace's ever-growing pile of closed
// conversations is never scanned.
function closedRecently(since: Date): Prisma.Sql {
  return Prisma.sql`c.id IN (SELECT e."conversationId" FROM "ConversationEvent" e WHERE e.type = 'closed' AND e.at >= ${since})`;
}

function matching(filters: HomeFilters): Prisma.Sql {
  const conditions = [
    filters.tag === null ? null : Prisma.sql`c.tags @> ARRAY[${filters.tag}]::text[]`,
    filters.customerTag === null
      ? null
      : Prisma.sql`EXISTS (SELECT 1 FROM "Customer" k WHERE k.id = c."customerId" AND k.tags @> ARRAY[${filters.customerTag}]::text[])`,
    filters.channelType === null ? null : Prisma.sql`c."channelType" = ${filters.channelType}`,
    filters.priority === null ? null : Prisma.sql`c.priority = ${filters.priority}::"Priority"`,
  ].filter((c): c is Prisma.Sql => c !== null);
  return conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

// Each tab's count, with the filters the person chose, in one statement.
export async function homeCounts(db: Database, workspaceId: string, userId: string, filters: HomeFilters, closedSince: Date): Promise<HomeCounts> {
  const count = (queue: HomeQueue) => Prisma.sql`count(*) FILTER (WHERE ${inQueue(queue, userId, closedSince)})::int`;
  const [row] = await db.$queryRaw<HomeCounts[]>`
    SELECT ${count('mine')} AS mine, ${count('unassigned')} AS unassigned, ${count('open')} AS open, ${count('ai')} AS ai,
           ${count('closed')} AS closed
    FROM "Conversation" c
    WHERE c."workspaceId" = ${workspaceId}::uuid AND (c.status <> 'closed' OR ${closedRecently(closedSince)}) ${matching(filters)}`;
  return row!;
}

type Row = Omit<HomeConversation, 'customerName'> & { customer: Prisma.JsonValue; externalId: string };

// One page of a queue: the open ones oldest first (who has waited longest comes first), the closed ones
// most recently closed first.
export async function homeQueuePage(db: Database, workspaceId: string, userId: string, state: HomeState, closedSince: Date): Promise<HomeConversation[]> {
  const lastClosed = Prisma.sql`(SELECT max(e.at) FROM "ConversationEvent" e WHERE e."conversationId" = c.id AND e.type = 'closed')`;
  const order = state.queue === 'closed' ? Prisma.sql`${lastClosed} DESC, c.id` : Prisma.sql`c."createdAt", c.id`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, ${SHOWN_CUSTOMER} AS customer, c."externalId", c.reason, c.priority, c.status, c."assigneeId", c.tags, c."channelType", c."createdAt",
           c."slackChannelId", c."slackThreadTs", p.permalink,
           (SELECT max(m.at) FROM "Message" m WHERE m."conversationId" = c.id AND m.role = 'customer') AS "lastCustomerMessageAt"
    FROM "Conversation" c
    LEFT JOIN "ThreadPermalink" p
      ON p."workspaceId" = c."workspaceId" AND p."slackChannelId" = c."slackChannelId" AND p."slackThreadTs" = c."slackThreadTs"
    WHERE c."workspaceId" = ${workspaceId}::uuid AND ${inQueue(state.queue, userId, closedSince)} ${matching(state.filters)}
    ORDER BY ${order}
    LIMIT ${HOME_PAGE_SIZE} OFFSET ${(state.page - 1) * HOME_PAGE_SIZE}`;
  return rows.map(withCustomerName);
}

// Seconds from the alert to the first reply that went (or is on its way) to the customer, the median over the
// workspace's conversations alerted since `since`; null when none of them has a reply yet.
export async function medianFirstReply(db: Database, workspaceId: string, since: Date): Promise<number | null> {
  const [row] = await db.$queryRaw<{ median: number | null }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (f.first - c."createdAt")))::float8 AS median
    FROM "Conversation" c
    CROSS JOIN LATERAL (
      SELECT min(m.at) AS first FROM "Message" m
      WHERE m."conversationId" = c.id AND m.role = 'agent' AND m."relayState" IN ('pending', 'delivered')
    ) f
    WHERE c."workspaceId" = ${workspaceId}::uuid AND c."createdAt" >= ${since} AND f.first IS NOT NULL`;
  return row?.median ?? null;
}
