import { HandoffError } from '../errors';
import type { WorkQueue } from './work-queue';

// What a worker does itself rather than ask the queue for.
export interface DoneHere {
  deliver?: (deliveryId: string) => Promise<void>;
  sendFeedback?: (feedbackId: string) => Promise<void>;
}

// The wait an error asked for (Slack's pace, a thread not posted yet), so the queued job does not ask again early.
function waitOf(err: unknown): number {
  return err instanceof HandoffError && err.retryAfterSeconds !== undefined ? Math.max(0, err.retryAfterSeconds * 1000) : 0;
}

// A worker handling an agent's reply sends a delivery that is due at once itself, right after the commit that
// created it, and a worker that delivered a reply shows the agent its feedback (the ✔️) itself, instead of
// handing either through Redis to another job: a queue trip less each on the hot path. Anything that cannot go
// now (not due, behind an earlier delivery, Slack's pace, an error) takes the queue as before, and the row's own
// lease keeps two workers apart either way.
export class DeliveringHere implements WorkQueue {
  constructor(
    private readonly queues: WorkQueue,
    private readonly here: DoneHere,
  ) {}

  async deliver(deliveryId: string, delayMs = 0, key?: string): Promise<void> {
    const deliverNow = this.here.deliver;
    if (!deliverNow || delayMs > 0) return this.queues.deliver(deliveryId, delayMs, key);
    try {
      await deliverNow(deliveryId);
    } catch {
      await this.queues.deliver(deliveryId, 0, key);
    }
  }

  async sendFeedback(feedbackId: string, key?: string, delayMs = 0): Promise<void> {
    const showNow = this.here.sendFeedback;
    if (!showNow || delayMs > 0) return this.queues.sendFeedback(feedbackId, key, delayMs);
    try {
      await showNow(feedbackId);
    } catch (err) {
      await this.queues.sendFeedback(feedbackId, key, waitOf(err));
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
