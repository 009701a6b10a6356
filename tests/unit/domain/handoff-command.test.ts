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
    ['Replies', { kind: 'replies' }],
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

  it('starts today at midnight in the team\'s time zone', () => {
    expect(periodStart('today', now, 'UTC')).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(periodStart('today', now, 'Europe/Berlin')).toEqual(new Date('2026-12-02T23:00:00Z'));
  });

  it('starts today on the day before the UTC day where the local clock has not reached midnight yet', () => {
    // 07:45 UTC is still 23:45 of the 2nd in Los Angeles.
    expect(periodStart('today', now, 'America/Los_Angeles')).toEqual(new Date('2026-12-02T08:00:00Z'));
    // And 20:30 UTC is already the 4th in Auckland.
    expect(periodStart('today', new Date('2026-12-03T20:30:00Z'), 'Pacific/Auckland')).toEqual(new Date('2026-12-03T11:00:00Z'));
  });

  it('starts a week seven days back to the moment, wherever the team is', () => {
    expect(periodStart('week', now, 'UTC')).toEqual(new Date('2026-11-26T07:45:10Z'));
    expect(periodStart('week', now, 'Asia/Tokyo')).toEqual(new Date('2026-11-26T07:45:10Z'));
  });
});
