import { authorityFor, settingsStandingOf, standingOf, type TeamDirectory } from '../../../src/services/standing';

// Stands in for Slack's user groups (an outside service), counting how often it is asked.
class Directory implements TeamDirectory {
  asked: string[] = [];
  constructor(private readonly groups: Record<string, string[]>, private readonly admins: string[] = []) {}
  async membersOf(id: string): Promise<string[]> {
    this.asked.push(id);
    return this.groups[id] ?? [];
  }
  async isBot(): Promise<boolean> {
    return false;
  }
  async isAdmin(id: string): Promise<boolean> {
    return this.admins.includes(id);
  }
  async isUserGroup(id: string): Promise<boolean> {
    return id in this.groups;
  }
}

const directory = () => new Directory({ S0AGENTS: ['U0ALICE'], S0SUPERVISORS: ['U0SUE'] });
const waiting = { status: 'waiting' as const, priority: 'normal' as const, reason: 'other' as const, assigneeId: null, tags: [] };

describe('standingOf', () => {
  it('makes everyone a supervisor, without asking Slack, when no group is configured', async () => {
    const d = directory();
    expect(await standingOf(d, { agentsUserGroup: null, supervisorsUserGroup: null }, 'U0ANYONE')).toEqual({ role: 'supervisor', policy: { restricted: false } });
    expect(d.asked).toEqual([]);
  });

  it('reads the role from the configured groups', async () => {
    const settings = { agentsUserGroup: 'S0AGENTS', supervisorsUserGroup: 'S0SUPERVISORS' };
    expect((await standingOf(directory(), settings, 'U0ALICE')).role).toBe('agent');
    expect((await standingOf(directory(), settings, 'U0SUE')).role).toBe('supervisor');
    expect((await standingOf(directory(), settings, 'U0PAT')).role).toBe('none');
  });

  it('asks only for the groups that are configured', async () => {
    const d = directory();
    const standing = await standingOf(d, { agentsUserGroup: 'S0AGENTS', supervisorsUserGroup: null }, 'U0ALICE');
    expect(d.asked).toEqual(['S0AGENTS']);
    // Without a supervisors group, every agent has the supervisors' powers.
    expect(standing).toEqual({ role: 'supervisor', policy: { restricted: true } });
  });
});

describe('authorityFor', () => {
  const agent = { role: 'agent' as const, policy: { restricted: true } };

  it('lets an agent take over a waiting conversation', () => {
    expect(authorityFor(agent, { type: 'take_over', actorId: 'U0ALICE' }, waiting)).toEqual({ allowed: true });
  });

  it("refuses an agent taking a colleague's conversation, however it is asked", () => {
    const held = { ...waiting, status: 'human' as const, assigneeId: 'U0BOB' };
    expect(authorityFor(agent, { type: 'take_over', actorId: 'U0ALICE', confirmedSteal: true }, held).allowed).toBe(false);
    expect(authorityFor(agent, { type: 'assign', actorId: 'U0ALICE', assigneeId: 'U0ALICE' }, held).allowed).toBe(false);
  });
});

describe('settingsStandingOf', () => {
  it('knows a Slack admin, and a member of the supervisors group once the workspace names one', async () => {
    const d = new Directory({ S0SUPERVISORS: ['U0SUE'] }, ['U0ADMIN']);
    const named = { supervisorsUserGroup: 'S0SUPERVISORS' };
    expect(await settingsStandingOf(d, named, 'U0ADMIN')).toEqual({ isAdmin: true, isSupervisor: false });
    expect(await settingsStandingOf(d, named, 'U0SUE')).toEqual({ isAdmin: false, isSupervisor: true });
    expect(await settingsStandingOf(d, named, 'U0PAT')).toEqual({ isAdmin: false, isSupervisor: false });
  });

  it('makes nobody a supervisor without a supervisors group, and does not ask Slack for one', async () => {
    const d = new Directory({}, []);
    expect(await settingsStandingOf(d, { supervisorsUserGroup: null }, 'U0SUE')).toEqual({ isAdmin: false, isSupervisor: false });
    expect(d.asked).toEqual([]);
  });
});
