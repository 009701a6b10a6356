import type { ResponseTargets } from './response-targets';
import type { RoutingRule } from './routing';

// The settings of a workspace that its admins change from App Home, and what each may be. The environment
// that seeds them is held to the same bounds (src/config.ts).
export interface TeamSettings {
  firstResponseTargets: ResponseTargets;
  idleCloseSeconds: number;
  // e.g. "Mon-Fri 09:00-17:00 Europe/Berlin"; null: the clocks run all the time.
  businessHours: string | null;
  // The IANA zone "today" is counted in when no business hours name one.
  timeZone: string;
  autoAssign: boolean;
  agentChatLimit: number;
  agentsUserGroup: string | null;
  supervisorsUserGroup: string | null;
  routingRules: RoutingRule[];
}

// What an admin saves. `routingRules` is left out when the rules were too long for the form to show, and so
// stay as they are.
export type SettingsEntry = Omit<TeamSettings, 'routingRules'> & { routingRules?: RoutingRule[] };

export const TEAM_SETTINGS = [
  'firstResponseTargets',
  'idleCloseSeconds',
  'businessHours',
  'timeZone',
  'autoAssign',
  'agentChatLimit',
  'agentsUserGroup',
  'supervisorsUserGroup',
  'routingRules',
] as const satisfies readonly (keyof TeamSettings)[];

export type TeamSetting = (typeof TEAM_SETTINGS)[number];

// A user group ID Slack does not know, and the setting it was entered in.
export interface UnknownGroup {
  setting: 'agentsUserGroup' | 'supervisorsUserGroup';
  userGroupId: string;
}

// Ten minutes is about the shortest quiet spell worth offering to close; a month, the longest anyone waits.
export const IDLE_CLOSE_SECONDS = { min: 600, max: 2_592_000 } as const;
export const AGENT_CHAT_LIMIT = { min: 1, max: 100 } as const;

// The last save, as App Home shows it: who, when, and which settings it changed.
export interface SettingsChange {
  userId: string;
  at: Date;
  settings: TeamSetting[];
}

export type SettingsChanges = Partial<Record<TeamSetting, { from: unknown; to: unknown }>>;

// What a save changes, setting by setting: the audit a supervisor reads later, and nothing for a save that
// kept everything as it was.
export function settingsChanges(before: TeamSettings, after: TeamSettings): SettingsChanges {
  const changes: SettingsChanges = {};
  for (const name of TEAM_SETTINGS) {
    if (canonical(before[name]) !== canonical(after[name])) changes[name] = { from: before[name], to: after[name] };
  }
  return changes;
}

// Whether a save can let an agent take what waits now: assigning switched on, a higher chat limit, or another
// agents' group (other people may be online).
export function makesRoom(before: TeamSettings, after: TeamSettings): boolean {
  if (!after.autoAssign) return false;
  return !before.autoAssign || after.agentChatLimit > before.agentChatLimit || after.agentsUserGroup !== before.agentsUserGroup;
}

// JSON with object keys in one order, so the same targets or rules read back from the database compare equal.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
