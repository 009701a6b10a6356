import { startOfDayIn } from './business-hours';

// What a person asked of `/handoff`, read from the text they typed after it. Anything not understood becomes
// help, with what was not understood, so a typo is answered with the list rather than silence.

export const STATS_PERIODS = ['today', 'week'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export type HandoffCommand =
  | { kind: 'help'; problem?: HelpProblem }
  | { kind: 'online' }
  | { kind: 'offline' }
  | { kind: 'status' }
  | { kind: 'mine' }
  | { kind: 'queue' }
  | { kind: 'replies' }
  | { kind: 'search'; text: string }
  | { kind: 'stats'; period: StatsPeriod };

export type HelpProblem = { unknown: string } | { missing: 'search text' } | { tooShort: string } | { badPeriod: string };

// Fewer characters than a trigram, and no index can narrow the search: every row would be read.
export const SHORTEST_SEARCH = 3;

const WITHOUT_ARGUMENTS = ['online', 'offline', 'status', 'mine', 'queue', 'replies'] as const;

export function parseHandoffCommand(typed: string): HandoffCommand {
  const text = typed.trim();
  const [first = '', ...others] = text.split(/\s+/);
  const word = first.toLowerCase();
  const rest = text.slice(first.length).trim();
  if (word === '' || word === 'help') return { kind: 'help' };
  const plain = WITHOUT_ARGUMENTS.find((w) => w === word);
  if (plain && others.length === 0) return { kind: plain };
  if (word === 'search') {
    if (!rest) return { kind: 'help', problem: { missing: 'search text' } };
    return [...rest].length >= SHORTEST_SEARCH ? { kind: 'search', text: rest } : { kind: 'help', problem: { tooShort: rest } };
  }
  if (word === 'stats') {
    const period = rest.toLowerCase() || 'today';
    const known = STATS_PERIODS.find((p) => p === period);
    return known ? { kind: 'stats', period: known } : { kind: 'help', problem: { badPeriod: rest } };
  }
  return { kind: 'help', problem: { unknown: text } };
}

// Where a period of stats starts: "today" at the team's local midnight, "week" seven days before now (a
// rolling week reads the same on a Monday morning as on a Friday, where a calendar week would be nearly empty).
export function periodStart(period: StatsPeriod, now: Date, timeZone: string): Date {
  if (period === 'week') return new Date(now.getTime() - 7 * 24 * 3600_000);
  return startOfDayIn(now, timeZone);
}
