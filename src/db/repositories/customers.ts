import type { Customer as AlertCustomer } from '../../domain/conversation';
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
