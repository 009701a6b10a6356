import { actionFor, mayAct, roleOf, type Authority, type PersonCommand, type Policy, type Role } from '../domain/authority';
import type { ConversationState } from '../domain/conversation';

// The people of the Slack workspace, as far as triage needs to know them.
export interface TeamDirectory {
  membersOf(userGroupId: string): Promise<string[]>;
  // Workflow and other bots react to messages too; their reactions are not anyone's decision.
  isBot(userId: string): Promise<boolean>;
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
