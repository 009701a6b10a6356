import type { Database } from '../client';
import { inTransaction, type Tx } from '../transaction';

// What Slack's oauth.v2.access gave for one workspace, as Handoff keeps it.
export interface SlackInstallation {
  slackTeamId: string;
  teamName: string | null;
  enterpriseId: string | null;
  botUserId: string;
  botId: string;
  botToken: string;
  scopes: string[];
  refreshToken: string | null;
  expiresAt: Date | null;
  // The channel the installer picked on Slack's consent screen (incoming-webhook).
  alertsChannel: string;
}

export interface BotToken {
  token: string;
  refreshToken: string | null;
  expiresAt: Date | null;
}

// An install again (another account, new scopes, another channel chosen) updates the workspace in place:
// its conversations and settings stay.
export async function saveInstallation(db: Tx, i: SlackInstallation): Promise<{ workspaceId: string }> {
  const tokens = {
    teamName: i.teamName,
    slackEnterpriseId: i.enterpriseId,
    botUserId: i.botUserId,
    botId: i.botId,
    botToken: i.botToken,
    botScopes: i.scopes,
    botRefreshToken: i.refreshToken,
    botTokenExpiresAt: i.expiresAt,
    installedAt: new Date(),
    uninstalledAt: null,
  };
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: i.slackTeamId },
    create: { slackTeamId: i.slackTeamId, alertsChannel: i.alertsChannel, settingsSeededAt: new Date(), ...tokens },
    update: { alertsChannel: i.alertsChannel, ...tokens },
    select: { id: true },
  });
  return { workspaceId: workspace.id };
}

export async function findBotToken(db: Database, workspaceId: string): Promise<BotToken | null> {
  const row = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { botToken: true, botRefreshToken: true, botTokenExpiresAt: true },
  });
  return row?.botToken ? { token: row.botToken, refreshToken: row.botRefreshToken, expiresAt: row.botTokenExpiresAt } : null;
}

// Rotating tokens: one replica refreshes while the others wait on the row's lock, then read what it stored.
// `refresh` is called only when the stored token is still the one that needs refreshing.
export async function rotateBotToken(
  db: Database,
  workspaceId: string,
  stillStale: (t: BotToken) => boolean,
  refresh: (refreshToken: string) => Promise<BotToken>,
): Promise<BotToken | null> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.$queryRaw<{ botToken: string | null; botRefreshToken: string | null; botTokenExpiresAt: Date | null }[]>`
      SELECT "botToken", "botRefreshToken", "botTokenExpiresAt" FROM "Workspace" WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    if (!row?.botToken) return null;
    const current = { token: row.botToken, refreshToken: row.botRefreshToken, expiresAt: row.botTokenExpiresAt };
    if (!current.refreshToken || !stillStale(current)) return current;
    const next = await refresh(current.refreshToken);
    await tx.workspace.update({
      where: { id: workspaceId },
      data: { botToken: next.token, botRefreshToken: next.refreshToken, botTokenExpiresAt: next.expiresAt },
    });
    return next;
  });
}

// Uninstalled or tokens revoked: the tokens go, the workspace and its conversations stay.
export async function forgetInstallation(db: Tx, slackTeamId: string): Promise<{ workspaceId: string } | null> {
  const row = await db.workspace.findUnique({ where: { slackTeamId }, select: { id: true } });
  if (!row) return null;
  await db.workspace.update({
    where: { id: row.id },
    data: { botToken: null, botRefreshToken: null, botTokenExpiresAt: null, uninstalledAt: new Date() },
  });
  return { workspaceId: row.id };
}
