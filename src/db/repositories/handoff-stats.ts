import { Prisma } from '../../generated/prisma/client';
import { STATUSES, isOpen, type Reason } from '../../domain/conversation';
import type { Database } from '../client';
import { SENT_TO_CUSTOMER } from './messages';

// Seconds; null when nothing in the period had one.
export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface AgentFigures {
  userId: string;
  // Alerts whose first reply to the customer was theirs.
  handled: number;
  medianFirstReply: number | null;
}

// Customer ratings (1–5) given in the period; average null when there were none.
export interface RatingFigures {
  average: number | null;
  count: number;
}

export interface HandoffStats {
  alertsByReason: { reason: Reason; count: number }[];
  firstReply: Spread;
  close: Spread;
  openNow: number;
  agents: AgentFigures[];
  ratings: RatingFigures & { agents: (RatingFigures & { userId: string })[] };
}

// The agents with the most alerts handled; the message stays short.
const AGENTS_AT_MOST = 15;

// Every alert of the workspace since `since`, with the first reply to the customer after it (who and how many
// seconds later) and how many seconds later the conversation was next closed. Computed in PostgreSQL: the
// alerts of a week can be many more than a process should read to add up.
function timedAlerts(workspaceId: string, since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT a.reason, reply."authorId",
      EXTRACT(EPOCH FROM reply.at - a."receivedAt")::float8 AS "replySeconds",
      EXTRACT(EPOCH FROM closed.at - a."receivedAt")::float8 AS "closeSeconds"
    FROM "Alert" a
    JOIN "Conversation" c ON c.id = a."conversationId"
    LEFT JOIN LATERAL (
      SELECT m.at, m."authorId" FROM "Message" m
      WHERE m."conversationId" = a."conversationId" AND m.role = 'agent' AND m."deletedAt" IS NULL
        AND m."relayState"::text IN (${Prisma.join(SENT_TO_CUSTOMER)}) AND m.at >= a."receivedAt"
      ORDER BY m.at LIMIT 1
    ) reply ON true
    LEFT JOIN LATERAL (
      SELECT e.at FROM "ConversationEvent" e
      WHERE e."conversationId" = a."conversationId" AND e.type = 'closed' AND e.at >= a."receivedAt"
      ORDER BY e.id LIMIT 1
    ) closed ON true
    WHERE c."workspaceId" = ${workspaceId}::uuid AND a."receivedAt" >= ${since}`;
}

export async function handoffStats(db: Database, workspaceId: string, since: Date): Promise<HandoffStats> {
  const timed = timedAlerts(workspaceId, since);
  const [byReason, spreads, agents, openNow, ratings] = await Promise.all([
    db.$queryRaw<{ reason: Reason; count: bigint }[]>`
      WITH timed AS (${timed}) SELECT reason::text AS reason, count(*) AS count FROM timed GROUP BY reason ORDER BY count(*) DESC, reason`,
    db.$queryRaw<{ replyMedian: number | null; replyP90: number | null; closeMedian: number | null; closeP90: number | null }[]>`
      WITH timed AS (${timed})
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "replySeconds") AS "replyMedian",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY "replySeconds") AS "replyP90",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "closeSeconds") AS "closeMedian",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY "closeSeconds") AS "closeP90"
      FROM timed`,
    db.$queryRaw<{ userId: string; handled: bigint; medianFirstReply: number | null }[]>`
      WITH timed AS (${timed})
      SELECT "authorId" AS "userId", count(*) AS handled, percentile_cont(0.5) WITHIN GROUP (ORDER BY "replySeconds") AS "medianFirstReply"
      FROM timed WHERE "authorId" IS NOT NULL
      GROUP BY "authorId" ORDER BY count(*) DESC, "authorId" LIMIT ${AGENTS_AT_MOST}`,
    db.conversation.count({ where: { workspaceId, status: { in: STATUSES.filter(isOpen) } } }),
    ratingsOf(db, workspaceId, since),
  ]);
  const spread = spreads[0]!;
  return {
    alertsByReason: byReason.map((r) => ({ reason: r.reason, count: Number(r.count) })),
    firstReply: { median: spread.replyMedian, p90: spread.replyP90 },
    close: { median: spread.closeMedian, p90: spread.closeP90 },
    openNow,
    agents: agents.map((a) => ({ userId: a.userId, handled: Number(a.handled), medianFirstReply: a.medianFirstReply })),
    ratings,
  };
}

// The ratings received in the period, overall and for each agent they count for (see Rating in the schema).
async function ratingsOf(db: Database, workspaceId: string, since: Date): Promise<HandoffStats['ratings']> {
  const rows = await db.$queryRaw<{ userId: string | null; average: number | null; count: bigint }[]>`
    SELECT r."agentId" AS "userId", avg(r.score)::float8 AS average, count(*) AS count
    FROM "Rating" r JOIN "Conversation" c ON c.id = r."conversationId"
    WHERE c."workspaceId" = ${workspaceId}::uuid AND r."ratedAt" >= ${since}
    GROUP BY GROUPING SETS ((r."agentId"), ())
    ORDER BY grouping(r."agentId") DESC, count(*) DESC, r."agentId"`;
  // The grand total comes first; a group whose agent is null stands for ratings nobody held the conversation for.
  const [total, ...byAgent] = rows;
  return {
    average: total?.average ?? null,
    count: Number(total?.count ?? 0),
    agents: byAgent
      .filter((r): r is typeof r & { userId: string } => r.userId !== null)
      .slice(0, AGENTS_AT_MOST)
      .map((r) => ({ userId: r.userId, average: r.average, count: Number(r.count) })),
  };
}
