import { DEFAULT_RESPONSE_TARGETS } from '../../../src/domain/response-targets';
import { makesRoom, settingsChanges, type TeamSettings } from '../../../src/domain/workspace-settings';

const settings: TeamSettings = {
  firstResponseTargets: DEFAULT_RESPONSE_TARGETS,
  idleCloseSeconds: 86_400,
  businessHours: null,
  timeZone: 'UTC',
  autoAssign: false,
  agentChatLimit: 5,
  agentsUserGroup: null,
  supervisorsUserGroup: null,
  routingRules: [],
};

describe('settingsChanges', () => {
  it('names each setting a save changed, with its old and new value', () => {
    const after = { ...settings, businessHours: 'Mon-Fri 09:00-17:00 Europe/Berlin', routingRules: [{ when: { priority: 'urgent' as const }, channel: 'C0URGENT' }] };
    expect(settingsChanges(settings, after)).toEqual({
      businessHours: { from: null, to: 'Mon-Fri 09:00-17:00 Europe/Berlin' },
      routingRules: { from: [], to: after.routingRules },
    });
  });

  it('finds nothing changed when the targets come back from the database in another key order', () => {
    const reordered = { low: 14_400, normal: 3600, high: 900, urgent: 300 };
    expect(settingsChanges(settings, { ...settings, firstResponseTargets: reordered })).toEqual({});
  });
});

describe('makesRoom', () => {
  const on = { ...settings, autoAssign: true };
  it('says a save can give out what waits when it switches assigning on, raises the limit or names other agents', () => {
    expect(makesRoom(settings, on)).toBe(true);
    expect(makesRoom(on, { ...on, agentChatLimit: 6 })).toBe(true);
    expect(makesRoom(on, { ...on, agentsUserGroup: 'S0AGENTS' })).toBe(true);
  });

  it('says not when assigning is off, or nothing that makes room changed', () => {
    expect(makesRoom(on, settings)).toBe(false);
    expect(makesRoom(settings, { ...settings, agentChatLimit: 9 })).toBe(false);
    expect(makesRoom(on, { ...on, agentChatLimit: 4, idleCloseSeconds: 600 })).toBe(false);
  });
});
