// The slow work a service asks for once its transaction has committed. Each request is idempotent:
// asking twice does the work once, and the sweeper asks again for anything a crash left behind.
export interface WorkQueue {
  // Posts the root message if it is missing, then every pending thread post, in order.
  syncThread(conversationId: string, key: string): Promise<void>;
  // Brings the root message up to the conversation's current version.
  updateRoot(conversationId: string, version: number): Promise<void>;
  // Tells one person, in a direct message, about a conversation assigned to them or taken from them.
  sendDirectMessage(directMessageId: string): Promise<void>;
  // Sends one event to the bot platform, not before `delayMs` (the grace period for agent replies).
  // A `retryKey` makes a new job for a delivery whose earlier job already gave up.
  deliver(deliveryId: string, delayMs?: number, retryKey?: string): Promise<void>;
}
