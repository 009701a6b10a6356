import { parseHandoffCommand, periodStart } from '../../../src/domain/handoff-command';

describe('reading what follows /handoff', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    [' Online ', { kind: 'online' }],
    ['offline', { kind: 'offline' }],
    ['status', { kind: 'status' }],
    ['MINE', { kind: 'mine' }],
    ['queue', { kind: 'queue' }],
    ['search  Dana Reyes ', { kind: 'search', text: 'Dana Reyes' }],
    ['stats', { kind: 'stats', period: 'today' }],
    ['stats WEEK', { kind: 'stats', period: 'week' }],
  ])('reads %j', (typed, command) => {
    expect(parseHandoffCommand(typed)).toEqual(command);
  });

  it.each([
    ['frobnicate', { unknown: 'frobnicate' }],
    ['online now please', { unknown: 'online now please' }],
    ['search', { missing: 'search text' }],
    ['search ab', { tooShort: 'ab' }],
    ['stats month', { badPeriod: 'month' }],
  ])('answers %j with help saying what was wrong', (typed, problem) => {
    expect(parseHandoffCommand(typed)).toEqual({ kind: 'help', problem });
  });
});

describe('where a period of stats starts', () => {
  const now = new Date('2026-12-03T07:45:10Z');

  it('starts today at midnight UTC', () => {
    expect(periodStart('today', now)).toEqual(new Date('2026-12-03T00:00:00Z'));
  });

  it('starts a week seven days back to the moment', () => {
    expect(periodStart('week', now)).toEqual(new Date('2026-11-26T07:45:10Z'));
  });
});
