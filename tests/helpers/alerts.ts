import { randomUUID } from 'node:crypto';

// A realistic alert as the bot platform would send it; override any field per test.
export function alertBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    conversationId: `conv_${randomUUID()}`,
    reason: 'frustration',
    priority: 'high',
    summary: 'Customer was charged twice for order #1042 and wants a refund today.',
    scores: { frustration: 0.92, sentiment: -0.7 },
    customer: { id: 'cus_1', name: 'Jane Doe', email: 'jane@example.com', phone: '+15551234567', avatarUrl: 'https://cdn.example.com/jane.png' },
    channel: { type: 'instagram', name: 'Acme Instagram' },
    transcript: [
      { role: 'customer', text: 'I was charged twice!', at: '2026-11-23T09:00:00Z' },
      { role: 'ai', text: 'I am sorry to hear that. Let me check.', at: '2026-11-23T09:00:05Z' },
      { role: 'customer', text: 'I want to talk to a person.', at: '2026-11-23T09:01:00Z' },
    ],
    link: 'https://platform.example.com/conversations/1042',
    metadata: { orderValue: 129.5, plan: 'pro', vip: true },
    replyWindowEndsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    ...overrides,
  };
}

export function blocksText(value: unknown): string {
  return JSON.stringify(value);
}
