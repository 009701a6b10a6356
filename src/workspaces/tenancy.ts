import type { WebClient } from '@slack/web-api';
import type { RoutingRule } from '../domain/routing';
import type { TeamDirectory } from '../services/standing';

// The Slack workspace a request, event or job belongs to, found from it (Slack's team id, the platform's
// account, the row's workspace), never from a value read at start-up.
export interface Tenancy {
  workspaceId: string;
  slackTeamId: string;
}

// A bot-platform request's place: the account's conversations, in the workspace it connected.
export interface AccountTenancy extends Tenancy {
  platformId: string;
  alertsChannel: string;
  // Where its new alerts go instead of alertsChannel (the workspace's setting).
  routingRules: RoutingRule[];
  // The version of the workspace's settings those two were read at; an alert routed by older ones is not
  // stored (see openConversationAtOnce), so a replica that remembers them briefly never routes by stale rules.
  settingsVersion: number;
  // The platform's own customer id in multi-workspace mode; null with one workspace.
  account: string | null;
}

export interface BotIdentity {
  botUserId: string;
  botId: string;
}

// Bolt's authorize puts the request's workspace in its context under this key (see createBolt).
export const WORKSPACE_CONTEXT_KEY = 'handoffWorkspace';

// Everything a Slack listener or job needs of its workspace: the ids, its bot, and a client with its token.
export interface SlackWorkspace {
  tenancy: Tenancy;
  bot: BotIdentity;
  slack: WebClient;
  directory: TeamDirectory;
}

// What a job needs to reach Slack: a client with the token of the workspace its row belongs to.
export interface WorkspaceClients {
  slackFor(workspaceId: string): Promise<WebClient>;
}
