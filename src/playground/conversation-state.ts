import type { Redis } from 'ioredis';
import { STATUSES, type Status } from '../domain/conversation';

export interface PlaygroundState {
  status: Status;
  // Who made the last change, as Slack names them; absent right after the alert.
  agent?: string;
}

// A day is longer than anyone plays one conversation; after that it starts afresh with the bot.
const KEEP_SECONDS = 24 * 60 * 60;

// Where each playground conversation stands, as the platform would know it from the webhooks: in Redis, so
// whichever replica the customer's next message reaches knows whether the bot or a person answers it.
export class PlaygroundStates {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async get(conversationId: string): Promise<PlaygroundState | undefined> {
    const raw = await this.redis.get(this.keyOf(conversationId));
    if (!raw) return undefined;
    const state = JSON.parse(raw) as PlaygroundState;
    return (STATUSES as readonly string[]).includes(state.status) ? state : undefined;
  }

  async set(conversationId: string, state: PlaygroundState): Promise<void> {
    await this.redis.set(this.keyOf(conversationId), JSON.stringify(state), 'EX', KEEP_SECONDS);
  }

  // True the first time a delivery's webhook-id is seen; Handoff sends the same id on every retry.
  async firstDelivery(webhookId: string): Promise<boolean> {
    return (await this.redis.set(this.deliveryKeyOf(webhookId), '1', 'EX', KEEP_SECONDS, 'NX')) === 'OK';
  }

  async forgetDelivery(webhookId: string): Promise<void> {
    await this.redis.del(this.deliveryKeyOf(webhookId));
  }

  private deliveryKeyOf(webhookId: string): string {
    return `${this.prefix}:playground:delivery:${webhookId}`;
  }

  private keyOf(conversationId: string): string {
    return `${this.prefix}:playground:state:${conversationId}`;
  }
}
