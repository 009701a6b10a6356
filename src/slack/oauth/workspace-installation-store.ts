import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Database } from '../../db/client';
import { markLinkInstalled } from '../../db/repositories/install-links';
import { saveInstallation, type SlackInstallation } from '../../db/repositories/installations';
import { HandoffError } from '../../errors';
import { connectWorkspace, disconnectWorkspace, type ConnectionDeps } from '../../services/workspace-connections';
import type { LinkMetadata } from './link-state-store';

// Bolt's InstallProvider keeps installations here, in the workspace's row in PostgreSQL. An install through an
// account's link connects that account too; the platform hears of it by workspace.connected. Bolt never
// fetches from here: each request's workspace and token are found by Workspaces.
export class WorkspaceInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Database,
    private readonly connections: ConnectionDeps,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const found = slackInstallationOf(installation);
    const link = JSON.parse(installation.metadata ?? '{}') as LinkMetadata;
    if (!link.account) {
      // Installed from Slack itself rather than a link: usable once an account connects it with a link.
      const { workspaceId } = await saveInstallation(this.db, found);
      this.connections.forget({ workspaceId, slackTeamId: found.slackTeamId });
      return;
    }
    await connectWorkspace(this.connections, link.account, found);
    await markLinkInstalled(this.db, link.linkId);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    throw new Error(`installations are read by Handoff's workspaces, not by Bolt (asked for team ${query.teamId ?? query.enterpriseId})`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const team = query.teamId ?? query.enterpriseId;
    if (team) await disconnectWorkspace(this.connections, team, 'deleted');
  }
}

function slackInstallationOf(i: Installation): SlackInstallation {
  const slackTeamId = i.team?.id ?? i.enterprise?.id;
  if (!slackTeamId || !i.bot) throw new HandoffError('slack_rejected', 'Slack returned an installation without a team or a bot token');
  const alertsChannel = i.incomingWebhook?.channelId;
  if (!alertsChannel) throw new HandoffError('slack_rejected', 'Slack returned no alerts channel (the incoming-webhook channel chosen on the consent screen)');
  return {
    slackTeamId,
    teamName: i.team?.name ?? i.enterprise?.name ?? null,
    enterpriseId: i.enterprise?.id ?? null,
    botUserId: i.bot.userId,
    botId: i.bot.id,
    botToken: i.bot.token,
    scopes: i.bot.scopes,
    refreshToken: i.bot.refreshToken ?? null,
    expiresAt: i.bot.expiresAt ? new Date(i.bot.expiresAt * 1000) : null,
    alertsChannel,
  };
}
