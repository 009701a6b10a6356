import { SLACK_USER_GROUP_ID, SLACK_USER_ID } from '../ids';

// Ids come from storage and Slack payloads; one not shaped like a user id gets words, never raw markup.
export function mention(userId: string | null | undefined, fallback: string): string {
  return userId && SLACK_USER_ID.test(userId) ? `<@${userId}>` : fallback;
}

// Pings a user group; an id not shaped like one pings nobody.
export function userGroupMention(userGroupId: string | null): string | null {
  return userGroupId && SLACK_USER_GROUP_ID.test(userGroupId) ? `<!subteam^${userGroupId}>` : null;
}

// Slack shows the time in each reader's own time zone; the fallback text is for clients that cannot.
export function slackDate(at: Date, format: string, fallback: string): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${fallback}>`;
}

export function slackDateTime(at: Date): string {
  return slackDate(at, '{date_short_pretty} at {time}', `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}
