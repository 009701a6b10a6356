-- A request for a conversation that is not in the asking workspace (or account) is refused and logged with the
-- owner's id; these let that lookup find the owner without scanning every conversation.
CREATE INDEX "Conversation_slackChannelId_slackThreadTs_idx" ON "Conversation"("slackChannelId", "slackThreadTs");
CREATE INDEX "Conversation_externalId_idx" ON "Conversation"("externalId");
