-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('waiting', 'human', 'ai', 'closed');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "HandoffReason" AS ENUM ('frustration', 'human_request', 'high_value', 'other');

-- CreateEnum
CREATE TYPE "RelayMode" AS ENUM ('all', 'marker', 'alerts_only');

-- CreateEnum
CREATE TYPE "MessageRole" AS ENUM ('customer', 'ai', 'agent');

-- CreateEnum
CREATE TYPE "ThreadPostKind" AS ENUM ('transcript', 'customer_message', 'notice');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "alertsChannel" TEXT NOT NULL,
    "relayMode" "RelayMode" NOT NULL DEFAULT 'all',
    "sendMarker" TEXT NOT NULL DEFAULT '>>',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Platform" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Platform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDelivery" (
    "platformId" UUID NOT NULL,
    "webhookId" TEXT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundDelivery_pkey" PRIMARY KEY ("platformId","webhookId")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "platformId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'waiting',
    "reason" "HandoffReason" NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'normal',
    "assigneeId" TEXT,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "summary" TEXT,
    "scores" JSONB NOT NULL DEFAULT '{}',
    "customer" JSONB NOT NULL DEFAULT '{}',
    "channelType" TEXT NOT NULL DEFAULT 'other',
    "channelName" TEXT,
    "link" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "replyWindowEndsAt" TIMESTAMP(3),
    "alertCount" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "slackChannelId" TEXT NOT NULL,
    "slackThreadTs" TEXT,
    "rootVersion" INTEGER NOT NULL DEFAULT 0,
    "threadLeaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "webhookId" TEXT NOT NULL,
    "reason" "HandoffReason" NOT NULL,
    "priority" "Priority" NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "role" "MessageRole" NOT NULL,
    "externalId" TEXT,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "at" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadPost" (
    "seq" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" "ThreadPostKind" NOT NULL,
    "body" JSONB NOT NULL,
    "slackTs" TEXT,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadPost_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "ConversationEvent" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slackTeamId_key" ON "Workspace"("slackTeamId");

-- CreateIndex
CREATE UNIQUE INDEX "Platform_workspaceId_name_key" ON "Platform"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_slackChannelId_slackThreadTs_idx" ON "Conversation"("workspaceId", "slackChannelId", "slackThreadTs");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_status_idx" ON "Conversation"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_platformId_externalId_key" ON "Conversation"("platformId", "externalId");

-- CreateIndex
CREATE INDEX "Alert_conversationId_idx" ON "Alert"("conversationId");

-- CreateIndex
CREATE INDEX "Message_conversationId_at_idx" ON "Message"("conversationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_externalId_key" ON "Message"("conversationId", "externalId");

-- CreateIndex
CREATE INDEX "ThreadPost_conversationId_seq_idx" ON "ThreadPost"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "ConversationEvent_conversationId_id_idx" ON "ConversationEvent"("conversationId", "id");

-- AddForeignKey
ALTER TABLE "Platform" ADD CONSTRAINT "Platform_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundDelivery" ADD CONSTRAINT "InboundDelivery_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "Platform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadPost" ADD CONSTRAINT "ThreadPost_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationEvent" ADD CONSTRAINT "ConversationEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
