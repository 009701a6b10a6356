import type { Database } from '../client';

export interface ThreadPermalink {
  slackChannelId: string;
  slackThreadTs: string;
  permalink: string;
}

// Slack's link to a thread never changes, so it is asked for once and kept; an alert posted again elsewhere
// has a thread (and so a link) of its own.
export async function rememberPermalinks(db: Database, workspaceId: string, links: ThreadPermalink[]): Promise<void> {
  if (links.length === 0) return;
  await db.threadPermalink.createMany({ data: links.map((l) => ({ workspaceId, ...l })), skipDuplicates: true });
}
