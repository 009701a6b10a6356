-- What /handoff search and /handoff stats read, by index. Search: any part of the customer's name, email or
-- phone, a tag, or what was said.
-- pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Conversation_tags_idx" ON "Conversation" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Message_text_idx" ON "Message" USING GIN ("text" gin_trgm_ops);

-- An expression index, which Prisma cannot declare: the search must use this very expression to use it
-- (src/db/repositories/conversation-search.ts).
CREATE INDEX "Conversation_customer_trgm_idx" ON "Conversation" USING GIN (
  (COALESCE("customer"->>'name', '') || ' ' || COALESCE("customer"->>'email', '') || ' ' || COALESCE("customer"->>'phone', '')) gin_trgm_ops
);

-- /handoff stats reads the alerts of a day or a week.
-- CreateIndex
CREATE INDEX "Alert_receivedAt_idx" ON "Alert"("receivedAt");
