import type { Database } from '../client';

// Which Slack workspace and bot platform a request belongs to. Every record hangs off these two ids.
export interface Tenancy {
  workspaceId: string;
  platformId: string;
  slackTeamId: string;
  alertsChannel: string;
}

export async function ensureTenancy(
  db: Database,
  input: { slackTeamId: string; alertsChannel: string; platformName: string },
): Promise<Tenancy> {
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: input.slackTeamId },
    create: { slackTeamId: input.slackTeamId, alertsChannel: input.alertsChannel },
    update: { alertsChannel: input.alertsChannel },
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
