import type { WebClient } from '@slack/web-api';
import { slackCall } from '../jobs/handlers/slack-call';
import { Remembered } from '../slack/remembered';
import { mentionedIds, type MentionNames } from './customer-text';

export interface AgentProfile {
  id: string;
  name: string;
  avatarUrl: string | null;
}

// A name or photo changed in Slack reaches the customer's badge within this long. users.info is Tier 4 (about
// 100 a minute): asked on every reply, a busy team would run into it within a second.
const FRESH_FOR_MS = 60_000;

// Who the customer sees talking: the agent's Slack display name and photo, as a live-agent badge.
export class AgentProfiles {
  private readonly profiles: Remembered<AgentProfile>;

  // A user id names a person only within its workspace, so each is looked up with that workspace's client.
  constructor(private readonly slackFor: (workspaceId: string) => Promise<WebClient>, freshForMs = FRESH_FOR_MS) {
    this.profiles = new Remembered(freshForMs);
  }

  of(workspaceId: string, userId: string): Promise<AgentProfile> {
    return this.profiles.get(`${workspaceId}:${userId}`, async () => lookUpAgent(await this.slackFor(workspaceId), userId));
  }
}

// The agent as Slack shows them now, asked with their workspace's client.
export async function lookUpAgent(slack: WebClient, userId: string): Promise<AgentProfile> {
  const { user } = await slackCall('looking up the agent', () => slack.users.info({ user: userId }));
  const profile = user?.profile;
  const name = profile?.display_name || profile?.real_name || user?.real_name || user?.name || 'Support agent';
  return { id: userId, name, avatarUrl: profile?.image_192 ?? profile?.image_72 ?? null };
}

// Names for the people and channels a reply mentions, so the customer reads "@Sam", not "<@U123>".
export async function mentionNames(slack: WebClient, profiles: AgentProfiles, workspaceId: string, text: string): Promise<MentionNames> {
  const ids = mentionedIds(text);
  const users = await Promise.all(ids.users.slice(0, 20).map(async (id) => [id, (await profiles.of(workspaceId, id)).name] as const));
  const channels = await Promise.all(
    ids.channels.slice(0, 20).map(async (id) => {
      const info = await slackCall('looking up a channel', () => slack.conversations.info({ channel: id }));
      return [id, info.channel?.name ?? 'channel'] as const;
    }),
  );
  return { users: Object.fromEntries(users), channels: Object.fromEntries(channels), userGroups: {} };
}
