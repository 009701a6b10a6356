import type { RoutingRule } from '../../domain/routing';
import { storedRoutingRules } from '../../workspaces/routing-rules';
import type { Database } from '../client';
import type { Tx } from '../transaction';

// An account as a platform request needs it: where its conversations live and where its alerts go.
export interface AccountRow {
  account: string;
  workspaceId: string;
  platformId: string;
  slackTeamId: string;
  alertsChannel: string;
  routingRules: RoutingRule[];
  settingsVersion: number;
  connected: boolean;
}

export async function findAccount(db: Database, account: string): Promise<AccountRow | null> {
  const row = await db.account.findUnique({
    where: { id: account },
    select: { workspaceId: true, platformId: true, disconnectedAt: true, workspace: { select: { slackTeamId: true, alertsChannel: true, routingRules: true, settingsVersion: true, botToken: true } } },
  });
  if (!row) return null;
  return {
    account,
    workspaceId: row.workspaceId,
    platformId: row.platformId,
    slackTeamId: row.workspace.slackTeamId,
    alertsChannel: row.workspace.alertsChannel,
    routingRules: storedRoutingRules(row.workspace.routingRules),
    settingsVersion: row.workspace.settingsVersion,
    connected: !row.disconnectedAt && Boolean(row.workspace.botToken),
  };
}

// The account's conversations live under a platform row of the workspace named after it, so connecting the
// same workspace again finds them; connecting another workspace starts afresh there.
export async function connectAccount(tx: Tx, account: string, workspaceId: string): Promise<void> {
  const platform = await tx.platform.upsert({
    where: { workspaceId_name: { workspaceId, name: account } },
    create: { workspaceId, name: account, account },
    update: {},
    select: { id: true },
  });
  const connected = { workspaceId, platformId: platform.id, connectedAt: new Date(), disconnectedAt: null };
  await tx.account.upsert({ where: { id: account }, create: { id: account, ...connected }, update: connected });
}

// Every account connected to the workspace, now refused until it connects again. Returns the ones it
// disconnected, so each is told once even when Slack sends both app_uninstalled and tokens_revoked.
export async function disconnectAccounts(db: Tx, workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Account" SET "disconnectedAt" = now() WHERE "workspaceId" = ${workspaceId}::uuid AND "disconnectedAt" IS NULL RETURNING id`;
  return rows.map((r) => r.id);
}
