// The conversation as the domain sees it: no Slack, HTTP or database types.

export const STATUSES = ['waiting', 'human', 'ai', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

// A conversation opens waiting for a person: the alert says the AI should not carry on alone.
export const OPENING_STATUS: Status = 'waiting';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REASONS = ['frustration', 'human_request', 'high_value', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export const CHANNEL_TYPES = ['web', 'whatsapp', 'instagram', 'messenger', 'email', 'sms', 'other'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const ROLES = ['customer', 'ai', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface Customer {
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  avatarUrl?: string;
}

export interface TranscriptLine {
  role: Role;
  text: string;
  at?: string;
}

export interface ConversationState {
  status: Status;
  priority: Priority;
  reason: Reason;
  assigneeId: string | null;
  tags: string[];
}

export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}

export function isOpen(status: Status): boolean {
  return status === 'waiting' || status === 'human';
}

// Everything a person needs to see about a conversation, as the views render it.
export interface ConversationSnapshot extends ConversationState {
  id: string;
  externalId: string;
  summary: string | null;
  scores: Record<string, number>;
  customer: Customer;
  channelType: ChannelType;
  channelName: string | null;
  link: string | null;
  metadata: Record<string, string | number | boolean>;
  replyWindowEndsAt: Date | null;
  alertCount: number;
  // The user group (S…) a routing rule asked to mention in the alert, if any.
  mentionUserGroup: string | null;
  recentLines: TranscriptLine[];
  // The customer's rating (1–5) once the platform has sent one.
  ratingScore: number | null;
  // What the team knows of the customer across conversations; absent when no alert named their id.
  customerContext?: CustomerContext;
}

// Who the customer is at a glance: their history before this conversation, their tags, the newest note.
export interface CustomerContext {
  earlierConversations: number;
  lastEarlierAt: Date | null;
  tags: string[];
  newestNote: string | null;
}
