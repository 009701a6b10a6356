import type { ChannelType, Priority } from './conversation';
import type { ListedConversation } from './listed-conversation';

// The App Home lists conversations the way support teams already sort their inbox: their own, the ones
// nobody has picked up, every one a person holds, the ones back with the AI, and the recently closed.
export const HOME_QUEUES = ['mine', 'unassigned', 'open', 'ai', 'closed'] as const;
export type HomeQueue = (typeof HOME_QUEUES)[number];

// A closed conversation stays on the Closed tab this long after it was closed.
export const CLOSED_RECENTLY_DAYS = 7;

// Three blocks a row keeps a page within a Home tab's 100 blocks, with room for the header, tabs and filters.
export const HOME_PAGE_SIZE = 20;

export interface HomeFilters {
  tag: string | null;
  // A tag of the customer's (VIP), not of the conversation.
  customerTag: string | null;
  channelType: ChannelType | null;
  priority: Priority | null;
}

// What a person is looking at on their Home: kept in the view itself, so every press starts from it.
export interface HomeState {
  queue: HomeQueue;
  // From 1.
  page: number;
  filters: HomeFilters;
}

// One row of a queue, as the Home shows it.
export interface HomeConversation extends ListedConversation {
  channelType: ChannelType;
  lastCustomerMessageAt: Date | null;
  // Slack's link to the thread, once it has been asked for.
  permalink: string | null;
}

export type HomeCounts = Record<HomeQueue, number>;

export const NO_FILTERS: HomeFilters = { tag: null, customerTag: null, channelType: null, priority: null };

// Where a Home opened for the first time starts: the conversations waiting for someone.
export const FIRST_HOME: HomeState = { queue: 'unassigned', page: 1, filters: NO_FILTERS };

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / HOME_PAGE_SIZE));
}

// A page asked for may be gone by the time it is shown (the queue got shorter): the last one there is instead.
export function pageWithin(page: number, total: number): number {
  return Math.min(Math.max(1, page), pageCount(total));
}

// Slack never says when someone leaves their Home tab: one opened or pressed on this recently counts as open,
// and is shown again when a conversation changes.
export const HOME_OPEN_FOR_MINUTES = 10;

export function homeOpenSince(now: Date): Date {
  return new Date(now.getTime() - HOME_OPEN_FOR_MINUTES * 60_000);
}

export function closedSince(now: Date): Date {
  return new Date(now.getTime() - CLOSED_RECENTLY_DAYS * 24 * 60 * 60_000);
}

