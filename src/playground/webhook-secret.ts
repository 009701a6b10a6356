import { createHmac } from 'node:crypto';

const LABEL = 'handoff playground webhooks v1';

// The secret Handoff signs its deliveries to the playground with when CUSTOMER_WEBHOOK_SECRET is not set.
// Derived rather than random, so every web and worker replica agrees on it without a new setting, and it
// changes with HANDOFF_SIGNING_SECRET.
export function playgroundWebhookSecret(signingSecret: string): string {
  const secret = Buffer.from(signingSecret.replace(/^whsec_/, ''), 'base64');
  return `whsec_${createHmac('sha256', secret).update(LABEL).digest('base64')}`;
}
