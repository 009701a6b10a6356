import type { Customer as AlertCustomer } from '../../domain/conversation';
import type { CustomerDetails, CustomerProfile, ProfileConversation } from '../../domain/customer';
import { Prisma } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';

// The customer as an alert described them, on the platform row (so the account) that sent it.
export interface CustomerSeen {
  workspaceId: string;
  platformId: string;
  customer: AlertCustomer;
  at: Date;
}

// The customer's record, created by their first alert and brought up to date by each later one: an alert
// overwrites the details it carries (an agent's edit made before it included: the newest word wins) and
// leaves the others. One statement, so two alerts of the same customer at once make one record. Returns
// the record's id, or no row for an alert without the customer's id; `when` lets a caller that cannot know
// yet (the one-statement intake, which must skip a replayed webhook) add a condition.
export function customerSeenSql(seen: CustomerSeen, when: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  const { id, name, email, phone, avatarUrl } = seen.customer;
  const externalId = id?.trim() ? id : null;
  return Prisma.sql`
    INSERT INTO "Customer" (id, "workspaceId", "platformId", "externalId", name, email, phone, "avatarUrl", "firstSeenAt", "lastSeenAt")
    SELECT gen_random_uuid(), ${seen.workspaceId}::uuid, ${seen.platformId}::uuid, ${externalId}, ${name ?? null}, ${email ?? null},
      ${phone ?? null}, ${avatarUrl ?? null}, ${seen.at}::timestamptz, ${seen.at}::timestamptz
    WHERE ${externalId}::text IS NOT NULL AND ${when}
    ON CONFLICT ("platformId", "externalId") DO UPDATE SET
      name = COALESCE(EXCLUDED.name, "Customer".name),
      email = COALESCE(EXCLUDED.email, "Customer".email),
      phone = COALESCE(EXCLUDED.phone, "Customer".phone),
      "avatarUrl" = COALESCE(EXCLUDED."avatarUrl", "Customer"."avatarUrl"),
      "lastSeenAt" = GREATEST(EXCLUDED."lastSeenAt", "Customer"."lastSeenAt")
    RETURNING id`;
}

// A later alert of a conversation: the record brought up to date, and linked when this is the first alert of
// the conversation to name the customer.
export async function linkCustomerSeen(tx: Tx, conversationId: string, seen: CustomerSeen): Promise<void> {
  await tx.$executeRaw`
    WITH customer AS (${customerSeenSql(seen)})
    UPDATE "Conversation" SET "customerId" = customer.id FROM customer
    WHERE "Conversation".id = ${conversationId}::uuid AND "Conversation"."customerId" IS DISTINCT FROM customer.id`;
}

// Whose conversation it is: null when the conversation is not the workspace's, a null customer when no alert
// named them.
export async function customerOfConversation(db: Database | Tx, workspaceId: string, conversationId: string): Promise<{ customerId: string | null } | null> {
  return db.conversation.findFirst({ where: { id: conversationId, workspaceId }, select: { customerId: true } });
}

// The profile's pages: enough to recognise the customer's story, few enough for one modal.
const PAGE = { conversations: 10, notes: 10 } as const;

export async function loadCustomerProfile(db: Database | Tx, workspaceId: string, customerId: string, openedFrom: string): Promise<CustomerProfile | null> {
  const record = await db.customer.findFirst({
    where: { id: customerId, workspaceId },
    include: {
      notes: { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: PAGE.notes },
      _count: { select: { conversations: true, notes: true } },
    },
  });
  if (!record) return null;
  const earlier = await db.$queryRaw<ProfileConversation[]>`
    SELECT c.id, c."createdAt", c.status::text AS status, c.summary, c."slackChannelId", c."slackThreadTs", l.permalink
    FROM "Conversation" c
    LEFT JOIN "ThreadPermalink" l ON l."workspaceId" = c."workspaceId" AND l."slackChannelId" = c."slackChannelId" AND l."slackThreadTs" = c."slackThreadTs"
    WHERE c."customerId" = ${customerId}::uuid AND c.id <> ${openedFrom}::uuid
    ORDER BY c."createdAt" DESC, c.id LIMIT ${PAGE.conversations}`;
  const { name, email, phone, address } = record;
  return {
    id: record.id,
    externalId: record.externalId,
    details: { name, email, phone, address },
    tags: record.tags,
    firstSeenAt: record.firstSeenAt,
    totalConversations: record._count.conversations,
    earlier,
    notes: record.notes.map(({ authorId, text, createdAt }) => ({ authorId, text, createdAt })),
    totalNotes: record._count.notes,
  };
}

// The customer tags used in the workspace, offered in the profile's picker and the App Home's filter.
export async function knownCustomerTags(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT tag FROM "Customer", unnest(tags) AS tag WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY tag LIMIT 100`;
  return rows.map((r) => r.tag);
}

// Read for a change under a row lock, so two people saving at once apply one after the other and each is
// compared against what the other wrote.
export async function lockCustomer(tx: Tx, workspaceId: string, customerId: string): Promise<{ externalId: string; details: CustomerDetails; tags: string[] } | null> {
  const [row] = await tx.$queryRaw<{ externalId: string; name: string | null; email: string | null; phone: string | null; address: string | null; tags: string[] }[]>`
    SELECT "externalId", name, email, phone, address, tags FROM "Customer"
    WHERE id = ${customerId}::uuid AND "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
  if (!row) return null;
  const { externalId, tags, ...details } = row;
  return { externalId, details, tags };
}

export async function saveCustomer(
  tx: Tx,
  customerId: string,
  change: { details: Partial<CustomerDetails>; tags: string[]; note: { authorId: string; text: string } | null },
): Promise<void> {
  await tx.customer.update({ where: { id: customerId }, data: { ...change.details, tags: change.tags } });
  if (change.note) await tx.customerNote.create({ data: { customerId, ...change.note } });
}

// The conversations whose root message shows the customer and must show the change: the open ones, and the
// one the profile was opened from. Moving their version is what asks for the refresh, so the sweeper asks
// again after a crash; a triage action reading the old version meanwhile retries on the new one.
export async function rootsToRefresh(tx: Tx, customerId: string, openedFrom: string): Promise<{ id: string; version: number }[]> {
  return tx.$queryRaw<{ id: string; version: number }[]>`
    UPDATE "Conversation" SET version = version + 1, "updatedAt" = now()
    WHERE "customerId" = ${customerId}::uuid AND (status IN ('waiting', 'human') OR id = ${openedFrom}::uuid)
    RETURNING id, version`;
}
