-- Saved replies and the AI's suggested reply: a team library of canned answers per workspace, the AI's drafts
-- offered in the thread, and the agent messages Handoff posts for the agent who sent one of them.
ALTER TYPE "ThreadPostKind" ADD VALUE 'agent_message';
ALTER TYPE "ThreadPostKind" ADD VALUE 'suggestion';

CREATE TYPE "SuggestionState" AS ENUM ('offered', 'sent', 'replaced');

ALTER TABLE "Message" ADD COLUMN "sentFromHandoff" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SavedReply" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "state" "SuggestionState" NOT NULL DEFAULT 'offered',
    "sentBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "slackTs" TEXT,
    "shownState" "SuggestionState",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedReply_workspaceId_title_key" ON "SavedReply"("workspaceId", "title");

-- CreateIndex
CREATE INDEX "Suggestion_conversationId_createdAt_idx" ON "Suggestion"("conversationId", "createdAt");

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
