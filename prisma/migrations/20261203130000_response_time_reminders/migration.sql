-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('first_response', 'escalation', 'reply_overdue', 'idle');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DirectMessageReason" ADD VALUE 'reply_overdue';
ALTER TYPE "DirectMessageReason" ADD VALUE 'idle';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "firstResponseTargets" JSONB NOT NULL DEFAULT '{"urgent":300,"high":900,"normal":3600,"low":14400}',
ADD COLUMN     "idleCloseSeconds" INTEGER NOT NULL DEFAULT 86400,
ADD COLUMN     "businessHours" TEXT;

-- CreateTable
CREATE TABLE "Reminder" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "key" TEXT NOT NULL,
    "body" JSONB NOT NULL DEFAULT '{}',
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "slackTs" TEXT,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_kind_sentAt_firedAt_idx" ON "Reminder"("kind", "sentAt", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_conversationId_kind_key_key" ON "Reminder"("conversationId", "kind", "key");

-- CreateIndex
CREATE INDEX "Conversation_status_statusChangedAt_idx" ON "Conversation"("status", "statusChangedAt");

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
