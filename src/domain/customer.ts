// A customer as the team keeps them across conversations: details an agent may edit, the team's notes and tags.

export const DETAILS = ['name', 'email', 'phone', 'address'] as const;
export type Detail = (typeof DETAILS)[number];

// Null: not known (or cleared by an agent).
export type CustomerDetails = Record<Detail, string | null>;

// What one save of the profile asks for; everything in it is written together or not at all. `details` holds
// only those the person edited, so a detail somebody else changed while the profile was open is left alone.
export interface CustomerChange {
  note: string | null;
  addTags: string[];
  removeTags: string[];
  details: Partial<CustomerDetails>;
}

// The edited details that differ from what is stored: what the platform is told of, and nothing else.
export function changedDetails(stored: CustomerDetails, edited: Partial<CustomerDetails>): Partial<CustomerDetails> {
  const changed: Partial<CustomerDetails> = {};
  for (const detail of DETAILS) {
    const value = edited[detail];
    if (value !== undefined && value !== (stored[detail] ?? null)) changed[detail] = value;
  }
  return changed;
}

// The tags after a change: added ones appended, removed ones taken off, none twice.
export function nextTags(current: string[], addTags: string[], removeTags: string[]): string[] {
  const removed = new Set(removeTags);
  return [...new Set([...current.filter((tag) => !removed.has(tag)), ...addTags])];
}

export function isNoChange(change: CustomerChange, changed: Partial<CustomerDetails>, current: string[]): boolean {
  const tags = nextTags(current, change.addTags, change.removeTags);
  const sameTags = tags.length === current.length && tags.every((tag, i) => tag === current[i]);
  return change.note === null && sameTags && Object.keys(changed).length === 0;
}

// Everything the profile shows.
export interface CustomerProfile {
  id: string;
  externalId: string;
  details: CustomerDetails;
  tags: string[];
  firstSeenAt: Date;
  totalConversations: number;
  // Newest first, the one the profile was opened from left out; at most a page of them.
  earlier: ProfileConversation[];
  // Newest first, at most a page of them.
  notes: CustomerNote[];
  totalNotes: number;
}

export interface ProfileConversation {
  id: string;
  createdAt: Date;
  status: 'waiting' | 'human' | 'ai' | 'closed';
  summary: string | null;
  slackChannelId: string;
  slackThreadTs: string | null;
  permalink: string | null;
}

export interface CustomerNote {
  authorId: string;
  text: string;
  createdAt: Date;
}
