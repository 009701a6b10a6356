import type { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { ListedConversation } from '../../domain/listed-conversation';
import { customerName } from './conversations';

export type { ListedConversation };

export interface ConversationPage {
  rows: ListedConversation[];
  // How many there are in all, of which `rows` are the first.
  total: number;
}

const LISTED = {
  id: true, customer: true, externalId: true, reason: true, priority: true, status: true, assigneeId: true, tags: true, createdAt: true,
  slackChannelId: true, slackThreadTs: true,
} as const;

// Taken over by them or assigned to them: the conversations a person has on their hands, not closed or with the AI.
const assignedTo = (workspaceId: string, userId: string): Prisma.ConversationWhereInput => ({ workspaceId, assigneeId: userId, status: 'human' });

export function countOpenAssigned(db: Database, workspaceId: string, userId: string): Promise<number> {
  return db.conversation.count({ where: assignedTo(workspaceId, userId) });
}

// The most urgent first, then the longest open.
export function openAssigned(db: Database, workspaceId: string, userId: string, limit: number): Promise<ConversationPage> {
  return page(db, assignedTo(workspaceId, userId), [{ priority: 'desc' }, { createdAt: 'asc' }], limit);
}

// Waiting for an agent and nobody assigned yet, the one waiting longest first.
export function waitingUnassigned(db: Database, workspaceId: string, limit: number): Promise<ConversationPage> {
  return page(db, { workspaceId, status: 'waiting', assigneeId: null }, [{ createdAt: 'asc' }, { id: 'asc' }], limit);
}

async function page(
  db: Database,
  where: Prisma.ConversationWhereInput,
  orderBy: Prisma.ConversationOrderByWithRelationInput[],
  limit: number,
): Promise<ConversationPage> {
  const [rows, total] = await Promise.all([db.conversation.findMany({ where, orderBy, take: limit, select: LISTED }), db.conversation.count({ where })]);
  return { rows: rows.map(({ customer, externalId, ...r }) => ({ ...r, customerName: customerName({ customer, externalId }) })), total };
}
