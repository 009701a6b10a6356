import { businessSecondsBetween, parseBusinessHours, startOfDayIn, teamTimeZone, type BusinessHours } from '../../../src/domain/business-hours';

function hoursOf(text: string): BusinessHours {
  const parsed = parseBusinessHours(text);
  if (!('hours' in parsed)) throw new Error(parsed.problem);
  return parsed.hours;
}

const BERLIN_WEEK = hoursOf('Mon-Fri 09:00-17:00 Europe/Berlin');
const between = (from: string, to: string, hours = BERLIN_WEEK) => businessSecondsBetween(new Date(from), new Date(to), hours);

describe('parseBusinessHours', () => {
  it('reads days, opening hours and the time zone', () => {
    expect(hoursOf('Mon-Thu,Sat 08:30-24:00 America/New_York')).toEqual({ days: new Set([1, 2, 3, 4, 6]), opens: 510, closes: 1440, timeZone: 'America/New_York' });
    expect(hoursOf('Fri-Mon 10:00-18:00 UTC').days).toEqual(new Set([5, 6, 0, 1]));
  });

  it('says which part is wrong', () => {
    expect(parseBusinessHours('weekdays 9-5')).toEqual({ problem: expect.stringContaining('must read <days> <HH:MM>-<HH:MM> <time zone>') });
    expect(parseBusinessHours('Mon-Fry 09:00-17:00 Europe/Berlin')).toEqual({ problem: expect.stringContaining('has days "Mon-Fry"') });
    expect(parseBusinessHours('Mon-Fri 17:00-09:00 Europe/Berlin')).toEqual({ problem: expect.stringContaining('has hours "17:00-09:00"') });
    expect(parseBusinessHours('Mon-Fri 09:00-17:00 Europe/Berlinn')).toEqual({ problem: expect.stringContaining('has time zone "Europe/Berlinn"') });
  });
});

describe('businessSecondsBetween', () => {
  it('counts only the working hours of a day', () => {
    // Tuesday 08:00 to 18:00 in Berlin (UTC+1 in winter): the eight hours it is open.
    expect(between('2026-12-01T07:00:00Z', '2026-12-01T17:00:00Z')).toBe(8 * 3600);
    expect(between('2026-12-01T10:00:00Z', '2026-12-01T10:20:00Z')).toBe(20 * 60);
  });

  it('stops the clock over a weekend', () => {
    // Friday 16:00 to Monday 10:00 in Berlin: the last hour of Friday and the first of Monday.
    expect(between('2026-12-04T15:00:00Z', '2026-12-07T09:00:00Z')).toBe(2 * 3600);
    expect(between('2026-12-05T09:00:00Z', '2026-12-06T17:00:00Z')).toBe(0);
  });

  it('keeps local opening hours across a change to summer time', () => {
    // Friday 16:30 (UTC+1) to Monday 09:30 (UTC+2), over the night clocks went forward: half an hour each side.
    expect(between('2026-03-27T15:30:00Z', '2026-03-30T07:30:00Z')).toBe(3600);
    // A night the clocks skip 02:00-03:00 is an hour shorter.
    expect(between('2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z', hoursOf('Sun 01:00-04:00 Europe/Berlin'))).toBe(2 * 3600);
    // Opening at a time the clocks skip opens when they land past it, west of Greenwich too: 02:30 in New York
    // is 03:30 that morning, half an hour before closing.
    expect(between('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', hoursOf('Sun 02:30-04:00 America/New_York'))).toBe(1800);
  });

  it('counts the repeated hour of a change back to winter time', () => {
    // 01:00 to 04:00 local on the night 02:00-03:00 happens twice: four real hours.
    expect(between('2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z', hoursOf('Sun 01:00-04:00 Europe/Berlin'))).toBe(4 * 3600);
  });

  it('is zero when the end is not after the start', () => {
    expect(between('2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z')).toBe(0);
  });
});

describe('startOfDayIn', () => {
  it('is the local midnight of the day the instant falls on in the zone', () => {
    expect(startOfDayIn(new Date('2026-12-03T07:30:00Z'), 'UTC')).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(startOfDayIn(new Date('2026-12-03T07:30:00Z'), 'America/New_York')).toEqual(new Date('2026-12-03T05:00:00Z'));
    expect(startOfDayIn(new Date('2026-12-03T03:30:00Z'), 'America/New_York')).toEqual(new Date('2026-12-02T05:00:00Z'));
  });

  it('begins a day that changes to summer time at its midnight', () => {
    // Berlin moves its clocks from 02:00 to 03:00 on 29 March 2026; the day still began at 00:00 CET.
    expect(startOfDayIn(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toEqual(new Date('2026-03-28T23:00:00Z'));
  });

  it('begins a day whose midnight a change to summer time skips at the first minute it has, east or west', () => {
    // Havana and Santiago skip from 00:00 to 01:00, so their day begins at 01:00 summer time, not the evening before.
    expect(startOfDayIn(new Date('2026-03-08T12:00:00Z'), 'America/Havana')).toEqual(new Date('2026-03-08T05:00:00Z'));
    expect(startOfDayIn(new Date('2026-09-06T12:00:00Z'), 'America/Santiago')).toEqual(new Date('2026-09-06T04:00:00Z'));
    expect(startOfDayIn(new Date('2026-03-29T12:00:00Z'), 'Asia/Beirut')).toEqual(new Date('2026-03-28T22:00:00Z'));
    // Santiago's clocks go back from 24:00 to 23:00 the evening before: the day still begins at its one midnight.
    expect(startOfDayIn(new Date('2026-04-05T12:00:00Z'), 'America/Santiago')).toEqual(new Date('2026-04-05T04:00:00Z'));
  });
});

describe('teamTimeZone', () => {
  it('counts in the zone of the business hours when they are set, else in the time zone setting', () => {
    expect(teamTimeZone({ businessHours: 'Mon-Fri 09:00-17:00 Europe/Berlin', timeZone: 'America/Chicago' })).toBe('Europe/Berlin');
    expect(teamTimeZone({ businessHours: null, timeZone: 'America/Chicago' })).toBe('America/Chicago');
  });
});
