-- The App Home: its queues are read per workspace and status, oldest first (closed ones by their last change),
-- its median first reply over the day's conversations, and the links to threads are asked of Slack once.
-- CreateTable
CREATE TABLE "ThreadPermalink" (
    "workspaceId" UUID NOT NULL,
    "slackChannelId" TEXT NOT NULL,
    "slackThreadTs" TEXT NOT NULL,
    "permalink" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadPermalink_pkey" PRIMARY KEY ("workspaceId","slackChannelId","slackThreadTs")
);

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_status_createdAt_idx" ON "Conversation"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_status_updatedAt_idx" ON "Conversation"("workspaceId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_createdAt_idx" ON "Conversation"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ThreadPermalink" ADD CONSTRAINT "ThreadPermalink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
