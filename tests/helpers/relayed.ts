import type { Harness } from './harness';
import type { PlatformDelivery } from './platform-stand-in';

// The agent replies the platform received for one conversation, in the order they arrived.
export function repliesTo(h: Harness, externalId: string): PlatformDelivery[] {
  return h.platform.deliveries().filter((d) => {
    const b = d.body as { type?: string; conversationId?: string };
    return b.type === 'agent.message' && b.conversationId === externalId;
  });
}

export function replyTexts(deliveries: PlatformDelivery[]): string[] {
  return deliveries.map((d) => (d.body as { data: { text: string } }).data.text);
}
