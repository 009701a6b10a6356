-- The App Home: its queues are read per workspace and status, oldest first (closed ones by when they closed),
-- its median first reply over the day's conversations, the links to threads are asked of Slack once, and
-- who looked at their Home lately is kept so a change can show it to them again.
-- CreateTable
CREATE TABLE "ThreadPermalink" (
    "workspaceId" UUID NOT NULL,
    "slackChannelId" TEXT NOT NULL,
    "slackThreadTs" TEXT NOT NULL,
    "permalink" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreadPermalink_pkey" PRIMARY KEY ("workspaceId","slackChannelId","slackThreadTs")
);

-- CreateTable
CREATE TABLE "HomeViewer" (
    "workspaceId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shownAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HomeViewer_pkey" PRIMARY KEY ("workspaceId","userId")
);

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_status_createdAt_idx" ON "Conversation"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_createdAt_idx" ON "Conversation"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationEvent_type_at_idx" ON "ConversationEvent"("type", "at");

-- CreateIndex
CREATE INDEX "HomeViewer_workspaceId_seenAt_idx" ON "HomeViewer"("workspaceId", "seenAt");

-- AddForeignKey
ALTER TABLE "ThreadPermalink" ADD CONSTRAINT "ThreadPermalink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeViewer" ADD CONSTRAINT "HomeViewer_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
