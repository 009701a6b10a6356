import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { PageEvent } from './page-events';

type Listener = (event: PageEvent) => void;

interface Channel {
  listeners: Set<Listener>;
  // SUBSCRIBE acknowledged: a page is told it is live only after this, so nothing published later is missed.
  subscribed: Promise<unknown>;
}

// Fans a conversation's events out to the pages watching it, through Redis pub/sub: the webhook that carries
// an event may land on any web replica, the page's event stream is held open by one of them.
export class PlaygroundFeed {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    subscriber.on('error', (err) => logger.warn({ err }, 'playground event subscription: Redis connection error'));
    publisher.on('error', (err) => logger.warn({ err }, 'playground: Redis connection error'));
  }

  async publish(conversationId: string, event: PageEvent): Promise<void> {
    await this.publisher.publish(this.channelOf(conversationId), JSON.stringify(event));
  }

  // Resolves once events published from now on reach `listener`; the function it returns stops them.
  async subscribe(conversationId: string, listener: Listener): Promise<() => void> {
    const name = this.channelOf(conversationId);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { listeners: new Set(), subscribed: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    channel.listeners.add(listener);
    const unsubscribe = () => this.remove(name, listener);
    try {
      await channel.subscribed;
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  private remove(name: string, listener: Listener): void {
    const channel = this.channels.get(name);
    if (!channel?.listeners.delete(listener) || channel.listeners.size > 0) return;
    this.channels.delete(name);
    this.subscriber.unsubscribe(name).catch((err) => this.logger.warn({ err }, 'playground: could not unsubscribe'));
  }

  private dispatch(name: string, message: string): void {
    const channel = this.channels.get(name);
    if (!channel) return;
    let event: PageEvent;
    try {
      event = JSON.parse(message) as PageEvent;
    } catch (err) {
      this.logger.warn({ err, channel: name }, 'playground: unreadable event on the channel');
      return;
    }
    for (const listener of channel.listeners) listener(event);
  }

  private channelOf(conversationId: string): string {
    return `${this.prefix}:playground:events:${conversationId}`;
  }
}
