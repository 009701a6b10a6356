-- When the Slack event a delivery came from reached Handoff, so the relay latency can be measured from the
-- agent's reply to the platform's answer. Null for deliveries no Slack event caused, and for older rows.
ALTER TABLE "OutboundDelivery" ADD COLUMN "eventReceivedAt" TIMESTAMP(3);
