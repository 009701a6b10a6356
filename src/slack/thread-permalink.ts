import type { WebClient } from '@slack/web-api';
import type { Database } from '../db/client';
import { rememberPermalinks, type ThreadPermalink } from '../db/repositories/thread-permalinks';
import { slackCall } from '../jobs/handlers/slack-call';
import type { Logger } from '../logger';

// Slack's link to a conversation's alert, which opens its thread; null before the alert is in Slack.
export async function threadPermalink(slack: WebClient, c: { slackChannelId: string; slackThreadTs: string | null }): Promise<string | null> {
  if (!c.slackThreadTs) return null;
  const found = await slackCall('linking the thread', () => slack.chat.getPermalink({ channel: c.slackChannelId, message_ts: c.slackThreadTs! }));
  return found.permalink ?? null;
}

interface Linkable {
  id: string;
  slackChannelId: string;
  slackThreadTs: string | null;
  permalink: string | null;
}

// A thread's link is asked of Slack the first time a row shows it, then kept. A row whose link Slack would not
// give is shown without one (`withoutOne` says where, in the log), and asked for again next time.
export async function withKeptPermalinks<T extends Linkable>(
  deps: { db: Database; slack: WebClient; logger: Logger },
  workspaceId: string,
  rows: T[],
  withoutOne: string,
): Promise<T[]> {
  const found: ThreadPermalink[] = [];
  const linked = await Promise.all(
    rows.map(async (row) => {
      if (row.permalink !== null || row.slackThreadTs === null) return row;
      try {
        const permalink = await threadPermalink(deps.slack, row);
        if (!permalink) return row;
        found.push({ slackChannelId: row.slackChannelId, slackThreadTs: row.slackThreadTs, permalink });
        return { ...row, permalink };
      } catch (err) {
        deps.logger.warn({ err, conversationId: row.id }, `Slack gave no link to a thread; ${withoutOne}`);
        return row;
      }
    }),
  );
  await rememberPermalinks(deps.db, workspaceId, found);
  return linked;
}
