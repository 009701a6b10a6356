import { makesRoom, settingsChanges, TEAM_SETTINGS, type SettingsChange, type SettingsEntry, type TeamSettings } from '../../domain/workspace-settings';
import { storedRoutingRules } from '../../workspaces/routing-rules';
import type { Database } from '../client';
import { inTransaction, type Tx } from '../transaction';
import { askForWaitingAssignments } from './auto-assign';
import { LATER_SETTINGS, storedTargets } from './tenancy';

const TEAM_SETTINGS_ROW = {
  firstResponseTargets: true,
  idleCloseSeconds: true,
  businessHours: true,
  timeZone: true,
  autoAssign: true,
  agentChatLimit: true,
  agentsUserGroup: true,
  supervisorsUserGroup: true,
  routingRules: true,
  settingsVersion: true,
  seededSettings: true,
  settingsSeededAt: true,
} as const;

// The settings as the form shows them, and the version it is saved against.
export interface VersionedSettings {
  settings: TeamSettings;
  version: number;
}

export type SaveOutcome = 'saved' | 'changed_meanwhile';

async function readSettings(db: Database | Tx, workspaceId: string) {
  const row = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: TEAM_SETTINGS_ROW });
  const settings: TeamSettings = {
    firstResponseTargets: storedTargets.parse(row.firstResponseTargets),
    idleCloseSeconds: row.idleCloseSeconds,
    businessHours: row.businessHours,
    timeZone: row.timeZone,
    autoAssign: row.autoAssign,
    agentChatLimit: row.agentChatLimit,
    agentsUserGroup: row.agentsUserGroup,
    supervisorsUserGroup: row.supervisorsUserGroup,
    routingRules: storedRoutingRules(row.routingRules),
  };
  return { settings, version: row.settingsVersion, seededSettings: row.seededSettings, seededAt: row.settingsSeededAt };
}

export async function loadTeamSettings(db: Database, workspaceId: string): Promise<VersionedSettings> {
  const { settings, version } = await readSettings(db, workspaceId);
  return { settings, version };
}

// An admin's save, in one transaction with its record of who changed what. Written only if the settings are
// still at the version the form showed, so a colleague's save in between is never silently undone. Every
// seeded setting is marked as seeded, so no start of Handoff overwrites what the admin chose. The receipt
// makes a submission Slack sends twice save once. The row is held from the start: the same submission sent
// again while the first is being saved waits, then finds its receipt, instead of reading the version the
// first is about to move and being told a colleague saved.
export async function saveTeamSettings(
  db: Database,
  input: { workspaceId: string; userId: string; receipt: string; version: number; settings: SettingsEntry },
): Promise<{ outcome: SaveOutcome; waitingAsked: number | null }> {
  return inTransaction(db, async (tx) => {
    const unchanged = { outcome: 'changed_meanwhile' as const, waitingAsked: null };
    await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${input.workspaceId}::uuid FOR UPDATE`;
    if (await tx.workspaceSettingsChange.findUnique({ where: { receipt: input.receipt }, select: { id: true } })) return { outcome: 'saved', waitingAsked: null };
    const before = await readSettings(tx, input.workspaceId);
    if (before.version !== input.version) return unchanged;
    const settings: TeamSettings = { ...input.settings, routingRules: input.settings.routingRules ?? before.settings.routingRules };
    // Every writer of these settings waits on the row held above, so the version read is still the row's.
    await tx.workspace.update({
      where: { id: input.workspaceId },
      data: {
        ...settings,
        routingRules: settings.routingRules as object[],
        seededSettings: [...new Set([...before.seededSettings, ...LATER_SETTINGS])],
        ...(before.seededAt ? {} : { settingsSeededAt: new Date() }),
        settingsVersion: { increment: 1 },
      },
    });
    await tx.workspaceSettingsChange.create({
      data: { workspaceId: input.workspaceId, userId: input.userId, receipt: input.receipt, changes: settingsChanges(before.settings, settings) as object },
    });
    // Assigning switched on, a higher limit or other agents can give what waits to someone with room now.
    const waitingAsked = makesRoom(before.settings, settings) ? await askForWaitingAssignments(tx, input.workspaceId) : null;
    return { outcome: 'saved', waitingAsked };
  });
}

// The last save from App Home, shown on the Home of those who may change the settings.
export async function lastSettingsChange(db: Database, workspaceId: string): Promise<SettingsChange | null> {
  const row = await db.workspaceSettingsChange.findFirst({ where: { workspaceId }, orderBy: { at: 'desc' }, select: { userId: true, at: true, changes: true } });
  if (!row) return null;
  const changed = Object.keys(row.changes as object);
  return { userId: row.userId, at: row.at, settings: TEAM_SETTINGS.filter((name) => changed.includes(name)) };
}
