import { actionFor, mayAct, roleOf, type Authority, type PersonCommand, type Policy, type Role, type SettingsStanding } from '../domain/authority';
import type { ConversationState } from '../domain/conversation';

// The people of the Slack workspace, as far as triage needs to know them.
export interface TeamDirectory {
  membersOf(userGroupId: string): Promise<string[]>;
  // Workflow and other bots react to messages too; their reactions are not anyone's decision.
  isBot(userId: string): Promise<boolean>;
  // Slack's own workspace admins and owners, who may change Handoff's settings.
  isAdmin(userId: string): Promise<boolean>;
  // False for an ID that names no user group of the workspace (mistyped in the settings).
  isUserGroup(userGroupId: string): Promise<boolean>;
}

export interface GroupSettings {
  agentsUserGroup: string | null;
  supervisorsUserGroup: string | null;
}

// A person's place in the team, looked up before any transaction: it may ask Slack.
export interface Standing {
  role: Role;
  policy: Policy;
}

export async function standingOf(directory: TeamDirectory, settings: GroupSettings, userId: string): Promise<Standing> {
  const { agentsUserGroup, supervisorsUserGroup } = settings;
  if (!agentsUserGroup && !supervisorsUserGroup) return { role: 'supervisor', policy: { restricted: false } };
  const [agents, supervisors] = await Promise.all([
    agentsUserGroup ? directory.membersOf(agentsUserGroup) : undefined,
    supervisorsUserGroup ? directory.membersOf(supervisorsUserGroup) : undefined,
  ]);
  return { role: roleOf(userId, { agents, supervisors }), policy: { restricted: true } };
}

export function authorityFor(standing: Standing, command: PersonCommand, state: ConversationState): Authority {
  return mayAct(actionFor(command, state), standing.role, standing.policy);
}

// Asks Slack whether the person is one of its admins and, when the workspace names its supervisors, whether
// they are in that group; a group left unset makes nobody a supervisor for this.
export async function settingsStandingOf(directory: TeamDirectory, settings: Pick<GroupSettings, 'supervisorsUserGroup'>, userId: string): Promise<SettingsStanding> {
  const { supervisorsUserGroup } = settings;
  const [isAdmin, supervisors] = await Promise.all([directory.isAdmin(userId), supervisorsUserGroup ? directory.membersOf(supervisorsUserGroup) : undefined]);
  return { isAdmin, isSupervisor: supervisors?.includes(userId) ?? false };
}
