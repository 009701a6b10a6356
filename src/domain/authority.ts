import type { ConversationState } from './conversation';
import type { Command, Refusal } from './transitions';

// Who may do what to a conversation, once a workspace has configured Slack user groups for its team.

export type Role = 'supervisor' | 'agent' | 'none';

export type Action =
  | 'take_over'
  | 'take_over_from_colleague'
  | 'assign_self'
  | 'assign_other'
  | 'tag'
  | 'close'
  | 'reopen'
  | 'restore'
  | 'reply'
  // Notes, tags and details of a customer, from their profile.
  | 'update_customer'
  // Counted in for new conversations: someone who may not act on them would only hold them up.
  | 'go_online'
  // Listing, searching and counting customers' conversations (/handoff queue, search, stats; the App Home).
  | 'see_conversations';

// Members of the workspace's agents and supervisors user groups; undefined when that group is not configured.
export interface Groups {
  agents?: string[];
  supervisors?: string[];
}

export interface Policy {
  // False while no user group is configured: then everyone who can see the alerts channel may do everything.
  restricted: boolean;
  // User group handles without the @, named in refusals so people know whom to ask.
  agentsHandle?: string;
  supervisorsHandle?: string;
}

export type Authority = { allowed: true } | { allowed: false; reason: string };

// Why a person's action did not happen: the state machine refused it, or they may not do it.
export type Declined = { refusal: Refusal } | { denied: string };

// Commands a person gives; alerts come from the bot platform and are never checked against a role.
export type PersonCommand = Exclude<Command, { type: 'alert' }>;

// Moving a conversation away from a colleague, or handing work to someone else, is what supervisors are for.
const SUPERVISOR_ONLY: ReadonlySet<Action> = new Set(['assign_other', 'take_over_from_colleague']);

// Completes "Only … can ___."
const DOING: Record<Action, string> = {
  take_over: 'take over conversations',
  take_over_from_colleague: 'take over a conversation a colleague is handling',
  assign_self: 'assign conversations',
  assign_other: 'assign conversations to others',
  tag: 'tag conversations',
  close: 'close conversations',
  reopen: 'reopen conversations',
  restore: 'hand conversations back to the AI',
  reply: 'reply to customers',
  update_customer: 'update customer profiles',
  go_online: 'take new conversations',
  see_conversations: 'see the conversations',
};

// A group left unset restricts nothing at its level: without an agents group every channel member is an agent,
// and without a supervisors group every agent is a supervisor (there is nobody to reserve those powers for).
// A supervisor need not also be in the agents group.
export function roleOf(userId: string, groups: Groups): Role {
  const { agents, supervisors } = groups;
  const isAgent = agents === undefined || agents.includes(userId);
  if (supervisors === undefined ? isAgent : supervisors.includes(userId)) return 'supervisor';
  return isAgent ? 'agent' : 'none';
}

export function mayAct(action: Action, role: Role, policy: Policy): Authority {
  if (!policy.restricted || role === 'supervisor') return { allowed: true };
  if (role === 'agent' && !SUPERVISOR_ONLY.has(action)) return { allowed: true };
  if (role === 'agent') {
    const ask = policy.supervisorsHandle ? `someone in @${policy.supervisorsHandle}` : 'a supervisor';
    return { allowed: false, reason: `Only supervisors can ${DOING[action]}. Ask ${ask}.` };
  }
  const who = policy.agentsHandle ? `members of @${policy.agentsHandle}` : 'the support team';
  return { allowed: false, reason: `Only ${who} can ${DOING[action]}. Ask a workspace admin to add you.` };
}

// Taking a conversation from a colleague is its own action whichever way it is asked for, so an agent cannot
// get round the rule by assigning it to themselves.
export function actionFor(command: PersonCommand, state: ConversationState): Action {
  const heldByColleague = state.status === 'human' && state.assigneeId !== null && state.assigneeId !== command.actorId;
  switch (command.type) {
    case 'take_over':
      return heldByColleague ? 'take_over_from_colleague' : 'take_over';
    case 'assign':
      if (command.assigneeId !== command.actorId) return 'assign_other';
      return heldByColleague ? 'take_over_from_colleague' : 'assign_self';
    case 'tag':
    case 'close':
    case 'reopen':
    case 'restore':
    case 'reply':
      return command.type;
  }
}

// What Slack and the workspace's groups say of someone who wants to change Handoff's settings.
export interface SettingsStanding {
  // A Slack workspace admin or owner.
  isAdmin: boolean;
  // In the supervisors' user group; false when the workspace names none.
  isSupervisor: boolean;
}

// Slack's admins and owners run the workspace, and the supervisors (once a group names them) run the support
// team; either may change the settings. Without a supervisors group roleOf makes every agent a supervisor,
// which is why only a named group counts here: otherwise anyone in the workspace could reroute its alerts.
export function mayChangeSettings(standing: SettingsStanding): Authority {
  if (standing.isAdmin || standing.isSupervisor) return { allowed: true };
  return { allowed: false, reason: "Only workspace admins and owners, and members of the supervisors' user group, can change Handoff's settings." };
}
