import type { RelayMode } from '../../generated/prisma/client';
import type { Database } from '../client';

// Which Slack workspace and bot platform a request belongs to. Every record hangs off these two ids.
export interface Tenancy {
  workspaceId: string;
  platformId: string;
  slackTeamId: string;
  alertsChannel: string;
}

export interface WorkspaceSettings {
  alertsChannel: string;
  relayMode: RelayMode;
  sendMarker: string;
  agentsUserGroup: string | null;
  supervisorsUserGroup: string | null;
  takeOverEmoji: string;
  closeEmoji: string;
}

export async function ensureTenancy(
  db: Database,
  input: { slackTeamId: string; platformName: string; settings: WorkspaceSettings },
): Promise<Tenancy> {
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: input.slackTeamId },
    create: { slackTeamId: input.slackTeamId, ...input.settings },
    update: input.settings,
  });
  const platform = await db.platform.upsert({
    where: { workspaceId_name: { workspaceId: workspace.id, name: input.platformName } },
    create: { workspaceId: workspace.id, name: input.platformName },
    update: {},
  });
  return {
    workspaceId: workspace.id,
    platformId: platform.id,
    slackTeamId: workspace.slackTeamId,
    alertsChannel: workspace.alertsChannel,
  };
}

export async function loadWorkspaceSettings(db: Database, workspaceId: string): Promise<WorkspaceSettings> {
  return db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: {
      alertsChannel: true,
      relayMode: true,
      sendMarker: true,
      agentsUserGroup: true,
      supervisorsUserGroup: true,
      takeOverEmoji: true,
      closeEmoji: true,
    },
  });
}
