-- CreateEnum
CREATE TYPE "RelayState" AS ENUM ('none', 'pending', 'delivered', 'failed', 'internal', 'withdrawn', 'not_relayed');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'delivered', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "agentsUserGroup" TEXT,
ADD COLUMN     "supervisorsUserGroup" TEXT,
ADD COLUMN     "takeOverEmoji" TEXT NOT NULL DEFAULT 'eyes',
ADD COLUMN     "closeEmoji" TEXT NOT NULL DEFAULT 'white_check_mark';

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "slackTs" TEXT,
ADD COLUMN     "authorId" TEXT,
ADD COLUMN     "authorName" TEXT,
ADD COLUMN     "authorAvatarUrl" TEXT,
ADD COLUMN     "relayState" "RelayState" NOT NULL DEFAULT 'none',
ADD COLUMN     "relayError" TEXT,
ADD COLUMN     "failureNoticeTs" TEXT,
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Tag" (
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("workspaceId","name")
);

-- CreateTable
CREATE TABLE "SlackEventReceipt" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackEventReceipt_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "OutboundDelivery" (
    "id" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "messageId" UUID,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboundDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_slackTs_key" ON "Message"("conversationId", "slackTs");

-- CreateIndex
CREATE INDEX "OutboundDelivery_conversationId_createdAt_idx" ON "OutboundDelivery"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_state_notBefore_idx" ON "OutboundDelivery"("state", "notBefore");

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundDelivery" ADD CONSTRAINT "OutboundDelivery_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundDelivery" ADD CONSTRAINT "OutboundDelivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
