import type { Database } from '../db/client';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { loadTeamSettings, saveTeamSettings, type SaveOutcome, type VersionedSettings } from '../db/repositories/workspace-settings';
import { mayChangeSettings, type Authority } from '../domain/authority';
import type { SettingsEntry, UnknownGroup } from '../domain/workspace-settings';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import type { Tenancy } from '../workspaces/tenancy';
import { requestWork } from './request-work';
import { settingsStandingOf, type TeamDirectory } from './standing';

export interface SettingsDeps {
  db: Database;
  directory: TeamDirectory;
  work: WorkQueue;
  logger: Logger;
}

// Asked before the Settings button is shown, before the modal opens, and again before a save: a press or a
// submission can be forged by anyone in the workspace.
export async function settingsAuthority(deps: { db: Database; directory: TeamDirectory }, tenancy: Tenancy, userId: string): Promise<Authority> {
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  return mayChangeSettings(await settingsStandingOf(deps.directory, settings, userId));
}

// What the settings modal opens with, for someone who may change the settings.
export async function settingsToChange(deps: { db: Database; directory: TeamDirectory }, tenancy: Tenancy, userId: string): Promise<VersionedSettings | { denied: string }> {
  const authority = await settingsAuthority(deps, tenancy, userId);
  if (!authority.allowed) return { denied: authority.reason };
  return loadTeamSettings(deps.db, tenancy.workspaceId);
}

export interface SettingsSave {
  userId: string;
  // The submission's receipt: Slack sending it again saves it once.
  receipt: string;
  version: number;
  settings: SettingsEntry;
}

// An admin's save: committed before Slack hears back, then every open Home of the workspace is shown again,
// the saver's too, with who changed the settings.
export async function changeSettings(deps: SettingsDeps, tenancy: Tenancy, save: SettingsSave): Promise<SaveOutcome | { denied: string } | { unknownGroup: UnknownGroup }> {
  const authority = await settingsAuthority(deps, tenancy, save.userId);
  if (!authority.allowed) return { denied: authority.reason };
  const unknownGroup = await firstUnknownGroup(deps.directory, save.settings);
  if (unknownGroup) return { unknownGroup };
  const { outcome, waitingAsked } = await saveTeamSettings(deps.db, { workspaceId: tenancy.workspaceId, ...save });
  if (outcome === 'saved') {
    await requestWork(deps.logger, [
      () => deps.work.refreshHomes(tenancy.workspaceId),
      () => deps.work.refreshHome(tenancy.workspaceId, save.userId),
      ...(waitingAsked !== null ? [() => deps.work.assignWaiting(tenancy.workspaceId, waitingAsked)] : []),
    ]);
  }
  return outcome;
}

// Every press and every Home asks Slack for the groups' members, and Slack refuses that for an ID it does not
// know: a mistyped one saved would leave the whole team without its Home and buttons, and its admins without
// this form to put it right.
async function firstUnknownGroup(directory: TeamDirectory, settings: SettingsEntry): Promise<UnknownGroup | null> {
  for (const setting of ['agentsUserGroup', 'supervisorsUserGroup'] as const) {
    const userGroupId = settings[setting];
    if (userGroupId && !(await directory.isUserGroup(userGroupId))) return { setting, userGroupId };
  }
  return null;
}
