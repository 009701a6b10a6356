import type { Priority, Reason, Status } from './conversation';

// A conversation as every list shows it (/handoff's answers, the App Home): who, why, how urgent, since when,
// who has it, and where its thread is.
export interface ListedConversation {
  id: string;
  customerName: string;
  reason: Reason;
  priority: Priority;
  status: Status;
  assigneeId: string | null;
  tags: string[];
  createdAt: Date;
  slackChannelId: string;
  slackThreadTs: string | null;
}
