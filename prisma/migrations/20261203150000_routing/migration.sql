-- Routing rules per workspace, and the user group a routed alert mentions.
ALTER TABLE "Conversation" ADD COLUMN     "mentionUserGroup" TEXT;

ALTER TABLE "Workspace" ADD COLUMN     "routingRules" JSONB NOT NULL DEFAULT '[]';
