import type { WebClient } from '@slack/web-api';
import { slackCall } from '../jobs/handlers/slack-call';
import { mentionedIds, type MentionNames } from './customer-text';

export interface AgentProfile {
  id: string;
  name: string;
  avatarUrl: string | null;
}

// Who the customer sees talking: the agent's Slack display name and photo, as a live-agent badge.
export async function agentProfile(slack: WebClient, userId: string): Promise<AgentProfile> {
  const { user } = await slackCall('looking up the agent', () => slack.users.info({ user: userId }));
  const profile = user?.profile;
  const name = profile?.display_name || profile?.real_name || user?.real_name || user?.name || 'Support agent';
  return { id: userId, name, avatarUrl: profile?.image_192 ?? profile?.image_72 ?? null };
}

// Names for the people and channels a reply mentions, so the customer reads "@Sam", not "<@U123>".
export async function mentionNames(slack: WebClient, text: string): Promise<MentionNames> {
  const ids = mentionedIds(text);
  const users = await Promise.all(ids.users.slice(0, 20).map(async (id) => [id, (await agentProfile(slack, id)).name] as const));
  const channels = await Promise.all(
    ids.channels.slice(0, 20).map(async (id) => {
      const info = await slackCall('looking up a channel', () => slack.conversations.info({ channel: id }));
      return [id, info.channel?.name ?? 'channel'] as const;
    }),
  );
  return { users: Object.fromEntries(users), channels: Object.fromEntries(channels), userGroups: {} };
}
