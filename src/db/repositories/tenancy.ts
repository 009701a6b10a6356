import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../domain/conversation';
import type { ResponseTargets } from '../../domain/response-targets';
import type { RelayMode } from '../../generated/prisma/client';
import type { Database } from '../client';

export interface WorkspaceSettings {
  alertsChannel: string;
  relayMode: RelayMode;
  sendMarker: string;
  agentsUserGroup: string | null;
  supervisorsUserGroup: string | null;
  takeOverEmoji: string;
  closeEmoji: string;
  firstResponseTargets: ResponseTargets;
  idleCloseSeconds: number;
  businessHours: string | null;
}

const storedTargets = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, z.number().int().positive()])) as Record<Priority, z.ZodNumber>);

// A workspace as every request needs it: its ids and its bot, read from its row.
export interface WorkspaceRow {
  id: string;
  slackTeamId: string;
  alertsChannel: string;
  botUserId: string | null;
  botId: string | null;
  uninstalledAt: Date | null;
}

const WORKSPACE_ROW = { id: true, slackTeamId: true, alertsChannel: true, botUserId: true, botId: true, uninstalledAt: true } as const;

// Single-workspace mode: the environment seeds the settings the first time only, so what an admin changed
// later is never overwritten by a restart. The bot's ids follow the token.
export async function seedWorkspace(
  db: Database,
  input: { slackTeamId: string; platformName: string; bot: { botUserId: string; botId: string }; settings: WorkspaceSettings },
): Promise<void> {
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: input.slackTeamId },
    create: { slackTeamId: input.slackTeamId, ...input.settings, ...input.bot, settingsSeededAt: new Date() },
    // Starting with a token Slack accepts is installing again, after an uninstall too.
    update: { ...input.bot, uninstalledAt: null },
  });
  if (!workspace.settingsSeededAt) {
    await db.workspace.updateMany({ where: { id: workspace.id, settingsSeededAt: null }, data: { ...input.settings, settingsSeededAt: new Date() } });
  }
  await db.platform.upsert({
    where: { workspaceId_name: { workspaceId: workspace.id, name: input.platformName } },
    create: { workspaceId: workspace.id, name: input.platformName },
    update: {},
  });
}

export function findWorkspaceByTeam(db: Database, slackTeamId: string): Promise<WorkspaceRow | null> {
  return db.workspace.findUnique({ where: { slackTeamId }, select: WORKSPACE_ROW });
}

export function findWorkspaceById(db: Database, id: string): Promise<WorkspaceRow | null> {
  return db.workspace.findUnique({ where: { id }, select: WORKSPACE_ROW });
}

export function findPlatform(db: Database, workspaceId: string, name: string): Promise<{ id: string } | null> {
  return db.platform.findUnique({ where: { workspaceId_name: { workspaceId, name } }, select: { id: true } });
}

export async function loadWorkspaceSettings(db: Database, workspaceId: string): Promise<WorkspaceSettings> {
  const row = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: {
      alertsChannel: true,
      relayMode: true,
      sendMarker: true,
      agentsUserGroup: true,
      supervisorsUserGroup: true,
      takeOverEmoji: true,
      closeEmoji: true,
      firstResponseTargets: true,
      idleCloseSeconds: true,
      businessHours: true,
    },
  });
  return { ...row, firstResponseTargets: storedTargets.parse(row.firstResponseTargets) };
}
