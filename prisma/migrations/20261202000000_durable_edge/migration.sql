-- The receipts table becomes the inbox: Slack's raw event is stored before Slack is answered, and the work
-- it causes marks it processed in the same transaction.
ALTER TABLE "SlackEventReceipt" RENAME TO "SlackInbox";
ALTER TABLE "SlackInbox" RENAME CONSTRAINT "SlackEventReceipt_pkey" TO "SlackInbox_pkey";
ALTER TABLE "SlackInbox" RENAME COLUMN "eventId" TO "key";
ALTER TABLE "SlackInbox" ADD COLUMN "seq" BIGSERIAL NOT NULL,
ADD COLUMN "lane" TEXT,
ADD COLUMN "payload" JSONB,
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "processedAt" TIMESTAMP(3),
ADD COLUMN "error" TEXT;
UPDATE "SlackInbox" SET "processedAt" = "receivedAt";

-- Only unprocessed events are ever looked up by lane or age, and there are few of them.
CREATE INDEX "SlackInbox_unprocessed_idx" ON "SlackInbox" ("lane", "seq") WHERE "processedAt" IS NULL;

-- A delivery being sent is leased to one worker; a lease left by a crashed worker runs out.
ALTER TYPE "DeliveryState" ADD VALUE 'sending';
ALTER TABLE "OutboundDelivery" ADD COLUMN "leaseUntil" TIMESTAMP(3),
-- Deliveries made in one transaction share their createdAt; the order they were made in is this.
ADD COLUMN "seq" BIGSERIAL NOT NULL;
-- Rows already there are numbered in the order they were made, not the order they lie on disk.
UPDATE "OutboundDelivery" d SET "seq" = o.n
FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id") AS n FROM "OutboundDelivery") o
WHERE d."id" = o."id";
SELECT setval(pg_get_serial_sequence('"OutboundDelivery"', 'seq'), COALESCE((SELECT max("seq") FROM "OutboundDelivery"), 0) + 1, false);
CREATE INDEX "OutboundDelivery_conversationId_seq_idx" ON "OutboundDelivery"("conversationId", "seq");

-- What the agent is shown about their reply, owed with the state change that caused it.
CREATE TYPE "ReplyFeedbackKind" AS ENUM ('delivered', 'failed', 'refused', 'kept');

CREATE TABLE "ReplyFeedback" (
    "id" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "kind" "ReplyFeedbackKind" NOT NULL,
    "body" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyFeedback_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ReplyFeedback_doneAt_createdAt_idx" ON "ReplyFeedback"("doneAt", "createdAt");

ALTER TABLE "ReplyFeedback" ADD CONSTRAINT "ReplyFeedback_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Slack asked to wait (429 with Retry-After) before the next post in a thread: no worker posts there before then.
ALTER TABLE "Conversation" ADD COLUMN "threadPausedUntil" TIMESTAMP(3);
