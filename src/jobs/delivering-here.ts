import type { WorkQueue } from './work-queue';

// A worker handling an agent's reply sends a delivery that is due at once itself, right after the commit that
// created it, instead of handing it through Redis to another job: one queue trip less on the hot path. Anything
// that cannot go now (not due, behind an earlier delivery, an error) takes the queue as before, and the
// delivery's own lease keeps two senders apart either way.
export class DeliveringHere implements WorkQueue {
  constructor(
    private readonly queues: WorkQueue,
    private readonly deliverNow: (deliveryId: string) => Promise<void>,
  ) {}

  async deliver(deliveryId: string, delayMs = 0, key?: string): Promise<void> {
    if (delayMs > 0) return this.queues.deliver(deliveryId, delayMs, key);
    try {
      await this.deliverNow(deliveryId);
    } catch {
      await this.queues.deliver(deliveryId, 0, key);
    }
  }

  syncThread(conversationId: string, key: string): Promise<void> {
    return this.queues.syncThread(conversationId, key);
  }

  updateRoot(conversationId: string, version: number, key?: string): Promise<void> {
    return this.queues.updateRoot(conversationId, version, key);
  }

  assignAutomatically(conversationId: string, key?: string): Promise<void> {
    return this.queues.assignAutomatically(conversationId, key);
  }

  assignWaiting(workspaceId: string, asked: number, key?: string): Promise<void> {
    return this.queues.assignWaiting(workspaceId, asked, key);
  }

  refreshHomes(workspaceId: string): Promise<void> {
    return this.queues.refreshHomes(workspaceId);
  }

  refreshHome(workspaceId: string, userId: string): Promise<void> {
    return this.queues.refreshHome(workspaceId, userId);
  }

  sendDirectMessage(directMessageId: string, key?: string): Promise<void> {
    return this.queues.sendDirectMessage(directMessageId, key);
  }

  sendEscalation(reminderId: string, key?: string): Promise<void> {
    return this.queues.sendEscalation(reminderId, key);
  }

  sendFeedback(feedbackId: string, key?: string, delayMs?: number): Promise<void> {
    return this.queues.sendFeedback(feedbackId, key, delayMs);
  }

  sendAccountNotice(noticeId: string, key?: string): Promise<void> {
    return this.queues.sendAccountNotice(noticeId, key);
  }

  handleSlackEvent(key: string, again?: string): Promise<void> {
    return this.queues.handleSlackEvent(key, again);
  }

  handOnLane(key: string, after: string): Promise<void> {
    return this.queues.handOnLane(key, after);
  }
}
