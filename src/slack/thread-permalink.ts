import type { WebClient } from '@slack/web-api';
import { slackCall } from '../jobs/handlers/slack-call';

// Slack's link to a conversation's alert, which opens its thread; null before the alert is in Slack.
export async function threadPermalink(slack: WebClient, c: { slackChannelId: string; slackThreadTs: string | null }): Promise<string | null> {
  if (!c.slackThreadTs) return null;
  const found = await slackCall('linking the thread', () => slack.chat.getPermalink({ channel: c.slackChannelId, message_ts: c.slackThreadTs! }));
  return found.permalink ?? null;
}
