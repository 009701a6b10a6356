// The slow work a service asks for once its transaction has committed. Each request is idempotent:
// asking twice does the work once, and the sweeper asks again for anything a crash left behind. A `key`
// makes a new job where one with the plain id may already have run or given up.
export interface WorkQueue {
  // Posts the root message if it is missing, then every pending thread post, in order.
  syncThread(conversationId: string, key: string): Promise<void>;
  // Brings the root message up to the conversation's current version.
  updateRoot(conversationId: string, version: number, key?: string): Promise<void>;
  // Gives a new conversation to an online agent with room for it, in a workspace that assigns automatically.
  assignAutomatically(conversationId: string, key?: string): Promise<void>;
  // Gives a workspace's waiting conversations to the online agents with room, for its `asked`-th request.
  assignWaiting(workspaceId: string, asked: number, key?: string): Promise<void>;
  // Tells one person, in a direct message, about a conversation assigned to them or taken from them.
  sendDirectMessage(directMessageId: string, key?: string): Promise<void>;
  // Shows an agent what became of their reply (a reaction, a notice, a private warning), not before `delayMs`.
  sendFeedback(feedbackId: string, key?: string, delayMs?: number): Promise<void>;
  // Posts a waiting conversation's escalation in its alerts channel, mentioning the supervisors.
  sendEscalation(reminderId: string, key?: string): Promise<void>;
  // Shows the App Home again to everyone in the workspace who has it open, a moment later: every change asked
  // for within that moment is shown by one publish each.
  refreshHomes(workspaceId: string): Promise<void>;
  // Shows one person's open App Home again, paced to Slack's limit on views.publish.
  refreshHome(workspaceId: string, userId: string): Promise<void>;
  // Sends one event to the bot platform, not before `delayMs` (the grace period for agent replies).
  // A `key` makes a new job, for a delivery whose earlier job already ran or gave up.
  deliver(deliveryId: string, delayMs?: number, key?: string): Promise<void>;
  // Tells the platform about one of its accounts (its workspace connected or disconnected).
  sendAccountNotice(noticeId: string, key?: string): Promise<void>;
  // Hands a Slack event, already stored in the inbox, to its handler.
  handleSlackEvent(key: string, again?: string): Promise<void>;
  // The same for the next event of a lane, asked for by the event before it (`after`) once that is done. It goes
  // ahead of the events waiting in the queue: in a burst most of those are held up behind an earlier event of
  // their own lane, and at the back of the queue each event of a busy thread would wait for all of them.
  handOnLane(key: string, after: string): Promise<void>;
}
