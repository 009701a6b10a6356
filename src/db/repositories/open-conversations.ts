import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { ListedConversation } from '../../domain/listed-conversation';
import { SHOWN_CUSTOMER, withCustomerName } from './conversations';

export type { ListedConversation };

export interface ConversationPage {
  rows: ListedConversation[];
  // How many there are in all, of which `rows` are the first.
  total: number;
}

// What every list selects of a conversation aliased `c`, with the count of all that matched.
export const LISTED_COLUMNS = Prisma.sql`c.id, ${SHOWN_CUSTOMER} AS customer, c."externalId", c.reason::text AS reason, c.priority::text AS priority,
  c.status::text AS status, c."assigneeId", c.tags, c."createdAt", c."slackChannelId", c."slackThreadTs", count(*) OVER () AS total`;

export type ListedRow = Omit<ListedConversation, 'customerName'> & { customer: Prisma.JsonValue; externalId: string; total: bigint };

export function listedPage(rows: ListedRow[]): ConversationPage {
  return { rows: rows.map(({ total: _total, ...row }) => withCustomerName(row)), total: rows[0] ? Number(rows[0].total) : 0 };
}

// Taken over by them or assigned to them: the conversations a person has on their hands, not closed or with the AI.
const assignedTo = (workspaceId: string, userId: string) =>
  Prisma.sql`c."workspaceId" = ${workspaceId}::uuid AND c."assigneeId" = ${userId} AND c.status = 'human'`;

export async function countOpenAssigned(db: Database, workspaceId: string, userId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Conversation" c WHERE ${assignedTo(workspaceId, userId)}`;
  return row!.n;
}

// The most urgent first, then the longest open.
export function openAssigned(db: Database, workspaceId: string, userId: string, limit: number): Promise<ConversationPage> {
  return page(db, assignedTo(workspaceId, userId), Prisma.sql`c.priority DESC, c."createdAt"`, limit);
}

// Waiting for an agent and nobody assigned yet, the one waiting longest first.
export function waitingUnassigned(db: Database, workspaceId: string, limit: number): Promise<ConversationPage> {
  const waiting = Prisma.sql`c."workspaceId" = ${workspaceId}::uuid AND c.status = 'waiting' AND c."assigneeId" IS NULL`;
  return page(db, waiting, Prisma.sql`c."createdAt", c.id`, limit);
}

// One statement, the customer's record read in it: the count comes with the rows (LISTED_COLUMNS).
async function page(db: Database, where: Prisma.Sql, orderBy: Prisma.Sql, limit: number): Promise<ConversationPage> {
  return listedPage(await db.$queryRaw<ListedRow[]>`SELECT ${LISTED_COLUMNS} FROM "Conversation" c WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`);
}
