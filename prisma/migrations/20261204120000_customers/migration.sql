-- Customers as records of their own, per bot platform (so per account), keyed by the platform's customer.id,
-- with the team's notes and tags; every conversation whose alert named the customer's id is linked to one.
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "avatarUrl" TEXT,
    "address" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CustomerNote" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerNote_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "Conversation" ADD COLUMN "customerId" UUID;

CREATE UNIQUE INDEX "Customer_platformId_externalId_key" ON "Customer"("platformId", "externalId");
CREATE INDEX "Customer_tags_idx" ON "Customer" USING GIN ("tags");
CREATE INDEX "CustomerNote_customerId_createdAt_idx" ON "CustomerNote"("customerId", "createdAt");
CREATE INDEX "Conversation_customerId_createdAt_idx" ON "Conversation"("customerId", "createdAt");
-- /handoff search finds a customer by the details an agent corrected too (pg_trgm, created by an earlier migration).
CREATE INDEX "Customer_details_trgm_idx" ON "Customer" USING GIN (
  (COALESCE("name", '') || ' ' || COALESCE("email", '') || ' ' || COALESCE("phone", '')) gin_trgm_ops
);

ALTER TABLE "Customer" ADD CONSTRAINT "Customer_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CustomerNote" ADD CONSTRAINT "CustomerNote_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Conversations from before: one record per customer id the alerts named, with what the newest alert that
-- said it told of each detail, first seen at the first conversation and last seen at the latest change.
INSERT INTO "Customer" ("id", "workspaceId", "platformId", "externalId", "name", "email", "phone", "avatarUrl", "firstSeenAt", "lastSeenAt")
SELECT gen_random_uuid(), c."workspaceId", c."platformId", c.customer->>'id',
    (array_agg(c.customer->>'name' ORDER BY c."updatedAt" DESC) FILTER (WHERE c.customer->>'name' IS NOT NULL))[1],
    (array_agg(c.customer->>'email' ORDER BY c."updatedAt" DESC) FILTER (WHERE c.customer->>'email' IS NOT NULL))[1],
    (array_agg(c.customer->>'phone' ORDER BY c."updatedAt" DESC) FILTER (WHERE c.customer->>'phone' IS NOT NULL))[1],
    (array_agg(c.customer->>'avatarUrl' ORDER BY c."updatedAt" DESC) FILTER (WHERE c.customer->>'avatarUrl' IS NOT NULL))[1],
    min(c."createdAt"), max(c."updatedAt")
FROM "Conversation" c
WHERE COALESCE(c.customer->>'id', '') <> ''
GROUP BY c."workspaceId", c."platformId", c.customer->>'id';

UPDATE "Conversation" c SET "customerId" = r.id
FROM "Customer" r
WHERE r."platformId" = c."platformId" AND r."externalId" = c.customer->>'id';
