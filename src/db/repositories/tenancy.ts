import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../domain/conversation';
import type { ResponseTargets } from '../../domain/response-targets';
import type { RoutingRule } from '../../domain/routing';
import { Prisma, type RelayMode } from '../../generated/prisma/client';
import { storedRoutingRules } from '../../workspaces/routing-rules';
import type { Database } from '../client';
import { queryRows } from '../statements';

export interface WorkspaceSettings {
  alertsChannel: string;
  relayMode: RelayMode;
  sendMarker: string;
  agentsUserGroup: string | null;
  supervisorsUserGroup: string | null;
  takeOverEmoji: string;
  closeEmoji: string;
  routingRules: RoutingRule[];
  autoAssign: boolean;
  agentChatLimit: number;
  firstResponseTargets: ResponseTargets;
  idleCloseSeconds: number;
  businessHours: string | null;
  timeZone: string;
}

export const storedTargets = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, z.number().int().positive()])) as Record<Priority, z.ZodNumber>);

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

// Settings that came after a workspace could already have been seeded: each is seeded on its own, once.
export const LATER_SETTINGS = ['routingRules', 'autoAssign', 'agentChatLimit', 'firstResponseTargets', 'idleCloseSeconds', 'businessHours', 'timeZone'] as const;
type LaterSetting = (typeof LATER_SETTINGS)[number];

// Single-workspace mode: the environment seeds the settings the first time only, so what an admin changed
// later is never overwritten by a restart. The bot's ids follow the token.
export async function seedWorkspace(
  db: Database,
  input: { slackTeamId: string; platformName: string; bot: { botUserId: string; botId: string }; settings: WorkspaceSettings },
): Promise<void> {
  const settings = { ...input.settings, routingRules: input.settings.routingRules as object[], seededSettings: [...LATER_SETTINGS] };
  const workspace = await db.workspace.upsert({
    where: { slackTeamId: input.slackTeamId },
    create: { slackTeamId: input.slackTeamId, ...settings, ...input.bot, settingsSeededAt: new Date(), settingsVersion: 1 },
    // Starting with a token Slack accepts is installing again, after an uninstall too.
    update: { ...input.bot, uninstalledAt: null },
  });
  if (!workspace.settingsSeededAt) {
    await db.workspace.updateMany({ where: { id: workspace.id, settingsSeededAt: null }, data: { ...settings, settingsSeededAt: new Date(), settingsVersion: { increment: 1 } } });
  }
  const later: Record<LaterSetting, Prisma.WorkspaceUpdateManyMutationInput> = {
    routingRules: { routingRules: settings.routingRules },
    autoAssign: { autoAssign: settings.autoAssign },
    agentChatLimit: { agentChatLimit: settings.agentChatLimit },
    firstResponseTargets: { firstResponseTargets: settings.firstResponseTargets },
    idleCloseSeconds: { idleCloseSeconds: settings.idleCloseSeconds },
    businessHours: { businessHours: settings.businessHours },
    timeZone: { timeZone: settings.timeZone },
  };
  for (const name of LATER_SETTINGS.filter((n) => !workspace.seededSettings.includes(n))) {
    // Conditional, so two replicas starting together seed it once and a later start never again.
    await db.workspace.updateMany({ where: { id: workspace.id, NOT: { seededSettings: { has: name } } }, data: { ...later[name], seededSettings: { push: name }, settingsVersion: { increment: 1 } } });
  }
  // Not an upsert: Prisma's reads first and then inserts, so two replicas starting together could both insert.
  await db.platform.createMany({ data: [{ workspaceId: workspace.id, name: input.platformName }], skipDuplicates: true });
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

// Where a new alert goes, and the version of the settings that says so.
export async function loadAlertRouting(db: Database, workspaceId: string): Promise<{ alertsChannel: string; routingRules: RoutingRule[]; settingsVersion: number }> {
  const row = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { alertsChannel: true, routingRules: true, settingsVersion: true } });
  return { alertsChannel: row.alertsChannel, routingRules: storedRoutingRules(row.routingRules), settingsVersion: row.settingsVersion };
}

const SETTINGS_SELECT = {
  alertsChannel: true,
  relayMode: true,
  sendMarker: true,
  agentsUserGroup: true,
  supervisorsUserGroup: true,
  takeOverEmoji: true,
  closeEmoji: true,
  routingRules: true,
  autoAssign: true,
  agentChatLimit: true,
  firstResponseTargets: true,
  idleCloseSeconds: true,
  businessHours: true,
  timeZone: true,
} as const satisfies Record<keyof WorkspaceSettings, true>;

// The settings as a row holds them, before the JSON ones are read.
export type StoredSettings = Omit<WorkspaceSettings, 'routingRules' | 'firstResponseTargets'> & { routingRules: unknown; firstResponseTargets: unknown };

// The settings of a workspace aliased `w`, as one jsonb value, for a statement that reads them with something else.
export const SETTINGS_OF_W = Prisma.sql`jsonb_build_object(${Prisma.raw(Object.keys(SETTINGS_SELECT).map((name) => `'${name}', w."${name}"`).join(', '))})`;

export function settingsOf(stored: StoredSettings): WorkspaceSettings {
  return { ...stored, routingRules: storedRoutingRules(stored.routingRules), firstResponseTargets: storedTargets.parse(stored.firstResponseTargets) };
}

// Read by most jobs and actions, so prepared (db/statements.ts).
export async function loadWorkspaceSettings(db: Database, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await queryRows<{ settings: StoredSettings }>(db, Prisma.sql`SELECT ${SETTINGS_OF_W} AS settings FROM "Workspace" w WHERE w.id = ${workspaceId}::uuid`);
  if (!row) throw new Error(`workspace ${workspaceId} is gone`);
  return settingsOf(row.settings);
}
