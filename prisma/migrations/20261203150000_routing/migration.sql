-- Routing rules per workspace, and the user group a routed alert mentions; assigning new alerts to online
-- agents within their chat limit; which later settings were seeded from the environment.
ALTER TABLE "Conversation" ADD COLUMN     "autoAssignDue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mentionUserGroup" TEXT;

ALTER TABLE "Workspace" ADD COLUMN     "agentChatLimit" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "autoAssign" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "routingRules" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "seededSettings" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE INDEX "Conversation_autoAssignDue_createdAt_idx" ON "Conversation"("autoAssignDue", "createdAt");
