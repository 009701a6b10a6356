import type { WebClient } from '@slack/web-api';
import type { Database } from '../db/client';
import { searchConversations } from '../db/repositories/conversation-search';
import { openAssigned, waitingUnassigned, type ConversationPage, type ListedConversation } from '../db/repositories/open-conversations';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { mayAct, type Authority } from '../domain/authority';
import type { Logger } from '../logger';
import { threadPermalink } from '../slack/thread-permalink';
import type { Tenancy } from '../workspaces/tenancy';
import { standingOf, type TeamDirectory } from './standing';

// A list stays one message: this many rows, each with a link Slack is asked for, and a line saying how many more.
const LISTED_AT_MOST = 10;

export interface ListDeps {
  db: Database;
  slack: WebClient;
  logger: Logger;
}

// Anyone in the workspace can type /handoff or open the App Home; once the workspace names its agents, only
// they and the supervisors see customers' names, contacts and words.
export async function mayListConversations(deps: { db: Database; directory: TeamDirectory }, tenancy: Tenancy, userId: string): Promise<Authority> {
  const standing = await standingOf(deps.directory, await loadWorkspaceSettings(deps.db, tenancy.workspaceId), userId);
  return mayAct('see_conversations', standing.role, standing.policy);
}

export interface LinkedConversation extends ListedConversation {
  // The alert's thread in Slack; null before the alert is posted, or when Slack would not say.
  permalink: string | null;
}

export interface ConversationList {
  rows: LinkedConversation[];
  total: number;
}

export async function myOpenConversations(deps: ListDeps, tenancy: Tenancy, userId: string): Promise<ConversationList> {
  return withPermalinks(deps, await openAssigned(deps.db, tenancy.workspaceId, userId, LISTED_AT_MOST));
}

export async function waitingQueue(deps: ListDeps, tenancy: Tenancy): Promise<ConversationList> {
  return withPermalinks(deps, await waitingUnassigned(deps.db, tenancy.workspaceId, LISTED_AT_MOST));
}

// Any part of the customer's name, email or phone, a tag as written, or any part of what was said.
export async function findConversations(deps: ListDeps, tenancy: Tenancy, text: string): Promise<ConversationList> {
  return withPermalinks(deps, await searchConversations(deps.db, tenancy.workspaceId, text, LISTED_AT_MOST));
}

// Asked of Slack rather than built, since only Slack knows the workspace's domain. A link Slack will not give
// leaves its row without one rather than the person without a list.
async function withPermalinks(deps: ListDeps, page: ConversationPage): Promise<ConversationList> {
  const rows = await Promise.all(page.rows.map(async (row) => ({ ...row, permalink: await permalinkOf(deps, row) })));
  return { rows, total: page.total };
}

async function permalinkOf(deps: ListDeps, row: ListedConversation): Promise<string | null> {
  try {
    return await threadPermalink(deps.slack, row);
  } catch (err) {
    deps.logger.warn({ err, conversationId: row.id }, 'Slack gave no permalink for an alert; listed without a link');
    return null;
  }
}
