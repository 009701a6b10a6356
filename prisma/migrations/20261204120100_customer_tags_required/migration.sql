-- A customer's tags are a list, empty when there are none, as schema.prisma says and as Conversation's are:
-- 20261204120000_customers left the column nullable.
ALTER TABLE "Customer" ALTER COLUMN "tags" SET NOT NULL;
