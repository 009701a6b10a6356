-- The floor for accepting an alert: the statements one new conversation's alert makes (src/services/receive-alert.ts),
-- in one transaction, as pgbench runs them with nothing between them. Variables (pgbench puts them in as text,
-- hence the quotes): platform and workspace, the bench tenancy's ids, set with -D; each transaction gets a
-- conversation id of its own.
\set n random(1, 2000000000)
BEGIN;
SELECT "statusCode", "responseBody" FROM "InboundDelivery" WHERE "platformId" = ':platform' AND "webhookId" = 'pgb_' || :client_id || '_' || :n;
SELECT * FROM "Conversation" WHERE "platformId" = ':platform' AND "externalId" = 'pgb_' || :client_id || '_' || :n;
INSERT INTO "Customer" (id, "workspaceId", "platformId", "externalId", name, email, phone, "avatarUrl", "firstSeenAt", "lastSeenAt")
  VALUES (gen_random_uuid(), ':workspace', ':platform', 'pgb_cus_' || :client_id || '_' || :n, 'Jane Doe', 'jane@example.com', '+15551234567',
          'https://cdn.example.com/jane.png', now(), now())
  ON CONFLICT ("platformId", "externalId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
  RETURNING id AS customer \gset
INSERT INTO "Conversation" (id, "workspaceId", "platformId", "externalId", reason, priority, "slackChannelId", summary, scores, customer, "customerId", "channelType", metadata, "updatedAt")
  VALUES (gen_random_uuid(), ':workspace', ':platform', 'pgb_' || :client_id || '_' || :n, 'frustration', 'high', 'C0ALERTS',
          'Customer is upset about a double charge', '{"sentiment": -0.8}', '{"id": "cust_1", "name": "Jane Doe", "email": "jane@example.com"}', ':customer', 'web', '{}', now())
  RETURNING id AS conversation \gset
INSERT INTO "ConversationEvent" ("conversationId", type, data) VALUES (':conversation', 'alert_received', '{"reason": "frustration", "priority": "high"}');
INSERT INTO "ThreadPost" ("conversationId", kind, body) VALUES (':conversation', 'notice', '{"intro": true}');
INSERT INTO "Alert" (id, "conversationId", "webhookId", reason, priority, payload)
  VALUES (gen_random_uuid(), ':conversation', 'pgb_' || :client_id || '_' || :n, 'frustration', 'high', '{"conversationId": "x", "reason": "frustration", "summary": "Customer is upset about a double charge"}');
INSERT INTO "Message" (id, "conversationId", role, "externalId", text, at) VALUES
  (gen_random_uuid(), ':conversation', 'customer', 'line1', 'I was charged twice!', now()),
  (gen_random_uuid(), ':conversation', 'ai', 'line2', 'I am sorry to hear that. Let me check.', now()),
  (gen_random_uuid(), ':conversation', 'customer', 'line3', 'I want to talk to a person.', now())
  ON CONFLICT DO NOTHING RETURNING "externalId";
INSERT INTO "ThreadPost" ("conversationId", kind, body) VALUES (':conversation', 'transcript', '{"lines": [{"role": "customer", "text": "I was charged twice!"}, {"role": "ai", "text": "I am sorry to hear that. Let me check."}, {"role": "customer", "text": "I want to talk to a person."}]}');
INSERT INTO "InboundDelivery" ("platformId", "webhookId", "statusCode", "responseBody")
  VALUES (':platform', 'pgb_' || :client_id || '_' || :n, 202, '{"conversationId": "x", "status": "waiting"}');
END;
