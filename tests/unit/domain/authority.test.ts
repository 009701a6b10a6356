import { actionFor, mayAct, mayChangeSettings, roleOf, type Action, type Groups, type PersonCommand, type Role } from '../../../src/domain/authority';
import type { ConversationState, Status } from '../../../src/domain/conversation';

// A record, so the compiler says when an action is missing.
const ACTIONS = Object.keys({
  take_over: 0,
  take_over_from_colleague: 0,
  assign_self: 0,
  assign_other: 0,
  tag: 0,
  close: 0,
  reopen: 0,
  restore: 0,
  reply: 0,
  go_online: 0,
  see_conversations: 0,
  update_customer: 0,
} satisfies Record<Action, 0>) as Action[];
const ROLES: Role[] = ['supervisor', 'agent', 'none'];
const RESTRICTED = { restricted: true };

const ME = 'U0ME';
const OTHER = 'U0OTHER';

describe('roleOf', () => {
  const SUPERVISOR = 'U0LEAD';
  const AGENT = 'U0AGENT';
  const BOTH = 'U0BOTH';
  const OUTSIDER = 'U0GUEST';
  const agents = [AGENT, BOTH];
  const supervisors = [SUPERVISOR, BOTH];

  it.each<[string, Groups, Record<string, Role>]>([
    ['no group is configured', {}, { [SUPERVISOR]: 'supervisor', [AGENT]: 'supervisor', [OUTSIDER]: 'supervisor' }],
    [
      'both groups are configured',
      { agents, supervisors },
      { [SUPERVISOR]: 'supervisor', [BOTH]: 'supervisor', [AGENT]: 'agent', [OUTSIDER]: 'none' },
    ],
    // Without an agents group, every channel member is an agent.
    ['only supervisors are configured', { supervisors }, { [SUPERVISOR]: 'supervisor', [AGENT]: 'agent', [OUTSIDER]: 'agent' }],
    // Without a supervisors group, there is nobody to reserve supervisor powers for.
    ['only agents are configured', { agents }, { [SUPERVISOR]: 'none', [AGENT]: 'supervisor', [OUTSIDER]: 'none' }],
    ['a configured group is empty', { agents: [], supervisors }, { [SUPERVISOR]: 'supervisor', [AGENT]: 'none', [OUTSIDER]: 'none' }],
  ])('gives everyone the right role when %s', (_, groups, expected) => {
    for (const [userId, role] of Object.entries(expected)) expect([userId, roleOf(userId, groups)]).toEqual([userId, role]);
  });
});

describe('mayAct', () => {
  const everything = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const));

  it.each(everything)('lets the %s role do %s while no user group is configured', (role, action) => {
    expect(mayAct(action, role, { restricted: false })).toEqual({ allowed: true });
  });

  const RESTRICTED_TABLE: Record<Role, Action[]> = {
    supervisor: ACTIONS,
    agent: ['take_over', 'assign_self', 'tag', 'close', 'reopen', 'restore', 'reply', 'go_online', 'see_conversations', 'update_customer'],
    none: [],
  };

  it.each(everything)('with user groups configured, decides whether the %s role may do %s', (role, action) => {
    expect(mayAct(action, role, RESTRICTED).allowed).toBe(RESTRICTED_TABLE[role].includes(action));
  });

  it('tells an agent to ask the supervisors group when assigning to someone else', () => {
    expect(mayAct('assign_other', 'agent', { ...RESTRICTED, supervisorsHandle: 'support-leads' })).toEqual({
      allowed: false,
      reason: 'Only supervisors can assign conversations to others. Ask someone in @support-leads.',
    });
  });

  it('tells an agent to ask a supervisor when taking from a colleague, even without a group handle', () => {
    expect(mayAct('take_over_from_colleague', 'agent', RESTRICTED)).toEqual({
      allowed: false,
      reason: 'Only supervisors can take over a conversation a colleague is handling. Ask a supervisor.',
    });
  });

  it.each<[Action, string | undefined, string]>([
    ['close', 'support', 'Only members of @support can close conversations. Ask a workspace admin to add you.'],
    ['reply', undefined, 'Only the support team can reply to customers. Ask a workspace admin to add you.'],
    ['restore', undefined, 'Only the support team can hand conversations back to the AI. Ask a workspace admin to add you.'],
  ])('tells someone outside the team that they cannot %s, and whom to ask', (action, agentsHandle, reason) => {
    expect(mayAct(action, 'none', { ...RESTRICTED, agentsHandle })).toEqual({ allowed: false, reason });
  });
});

describe('actionFor', () => {
  const conversation = (status: Status, assigneeId: string | null): ConversationState => ({
    status,
    assigneeId,
    priority: 'normal',
    reason: 'other',
    tags: [],
  });
  const waiting = conversation('waiting', null);
  const mine = conversation('human', ME);
  const colleagues = conversation('human', OTHER);
  // The agent who closed it is remembered but no longer holds it.
  const closedByColleague = conversation('closed', OTHER);

  it.each<[string, PersonCommand, ConversationState, Action]>([
    ['taking over a waiting conversation', { type: 'take_over', actorId: ME }, waiting, 'take_over'],
    ['taking over one already mine', { type: 'take_over', actorId: ME }, mine, 'take_over'],
    ["taking over a colleague's", { type: 'take_over', actorId: ME }, colleagues, 'take_over_from_colleague'],
    ["confirming the take over of a colleague's", { type: 'take_over', actorId: ME, confirmedSteal: true }, colleagues, 'take_over_from_colleague'],
    ['taking over one a colleague closed', { type: 'take_over', actorId: ME }, closedByColleague, 'take_over'],
    ['assigning a waiting one to myself', { type: 'assign', actorId: ME, assigneeId: ME }, waiting, 'assign_self'],
    ['changing the priority of my own', { type: 'assign', actorId: ME, assigneeId: ME, priority: 'high' }, mine, 'assign_self'],
    ["assigning a colleague's to myself", { type: 'assign', actorId: ME, assigneeId: ME }, colleagues, 'take_over_from_colleague'],
    ['assigning a waiting one to a colleague', { type: 'assign', actorId: ME, assigneeId: OTHER }, waiting, 'assign_other'],
    ['handing my own to a colleague', { type: 'assign', actorId: ME, assigneeId: OTHER }, mine, 'assign_other'],
    ["raising the priority of a colleague's", { type: 'assign', actorId: ME, assigneeId: OTHER, priority: 'urgent' }, colleagues, 'assign_other'],
    ['tagging', { type: 'tag', actorId: ME, add: ['vip'], remove: [] }, colleagues, 'tag'],
    ['closing', { type: 'close', actorId: ME }, colleagues, 'close'],
    ['reopening', { type: 'reopen', actorId: ME }, closedByColleague, 'reopen'],
    ['restoring to the AI', { type: 'restore', actorId: ME }, colleagues, 'restore'],
    ["replying in a colleague's thread", { type: 'reply', actorId: ME }, colleagues, 'reply'],
    ['replying in a waiting thread', { type: 'reply', actorId: ME }, waiting, 'reply'],
  ])('treats %s as the action it is', (_, command, state, action) => {
    expect(actionFor(command, state)).toBe(action);
  });

  it('keeps an agent from taking a colleague’s conversation by assigning it to themselves', () => {
    const action = actionFor({ type: 'assign', actorId: ME, assigneeId: ME }, colleagues);
    expect(mayAct(action, 'agent', RESTRICTED).allowed).toBe(false);
  });
});

describe('mayChangeSettings', () => {
  it('lets Slack admins and owners, and the supervisors, change the settings', () => {
    expect(mayChangeSettings({ isAdmin: true, isSupervisor: false })).toEqual({ allowed: true });
    expect(mayChangeSettings({ isAdmin: false, isSupervisor: true })).toEqual({ allowed: true });
  });

  it('refuses everyone else, saying who can', () => {
    const refused = mayChangeSettings({ isAdmin: false, isSupervisor: false });
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('Only workspace admins and owners') });
  });
});
