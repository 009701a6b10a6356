// The hours a support team works, in its own time zone: response-time clocks only run inside them.
export interface BusinessHours {
  // Days of the week it works, 0 = Sunday.
  days: ReadonlySet<number>;
  // Minutes after local midnight it opens and closes (closes may be 24:00).
  opens: number;
  closes: number;
  timeZone: string;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHAPE = /^(\S+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})\s+(\S+)$/;
const DAY_MS = 86_400_000;

function dayOf(name: string): number | null {
  const i = DAY_NAMES.findIndex((d) => d.toLowerCase() === name.toLowerCase());
  return i < 0 ? null : i;
}

// `Mon-Fri`, `Mon,Wed,Fri`, `Mon-Thu,Sat`; a range may wrap round the week end (`Fri-Mon`).
function daysOf(text: string): Set<number> | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [first = '', last = first, ...extra] = part.split('-');
    const from = dayOf(first);
    const to = dayOf(last);
    if (from === null || to === null || extra.length > 0) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days;
}

export function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Reads `Mon-Fri 09:00-17:00 Europe/Berlin`; a problem says which part is wrong.
export function parseBusinessHours(text: string): { hours: BusinessHours } | { problem: string } {
  const m = SHAPE.exec(text.trim());
  if (!m) return { problem: 'must read <days> <HH:MM>-<HH:MM> <time zone>, e.g. Mon-Fri 09:00-17:00 Europe/Berlin' };
  const [, dayText = '', oh = '', om = '', ch = '', cm = '', timeZone = ''] = m;
  const days = daysOf(dayText);
  if (!days) return { problem: `has days "${dayText}": use ${DAY_NAMES.join(', ')}, as ranges (Mon-Fri) or lists (Mon,Wed)` };
  const opens = Number(oh) * 60 + Number(om);
  const closes = Number(ch) * 60 + Number(cm);
  if (Number(om) > 59 || Number(cm) > 59 || opens >= closes || closes > 24 * 60) {
    return { problem: `has hours "${oh}:${om}-${ch}:${cm}": it must open before it closes, within one day (00:00 to 24:00)` };
  }
  if (!knownTimeZone(timeZone)) return { problem: `has time zone "${timeZone}", which is not an IANA time zone such as Europe/Berlin` };
  return { hours: { days, opens, closes, timeZone } };
}

// How far the zone's clock is ahead of UTC at an instant, in milliseconds.
function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - (ms - (((ms % 1000) + 1000) % 1000));
}

// The instant a local date and time occurs in the zone. A time a spring-forward skips maps past the gap, and
// one an autumn fall-back repeats to its first occurrence, so a working day is never counted twice.
function instantOf(localDayMs: number, minutes: number, timeZone: string): number {
  const local = localDayMs + minutes * 60_000;
  // The offsets in force a day before and a day after: the clock reads `local` at one of these instants, at
  // both when it is repeated, and at neither when it is skipped. Iterating from a single guess would land
  // before the gap west of Greenwich (Havana's midnight skipped to 01:00 gave 23:00 the evening before).
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const occurrences = [local - before, local - after].filter((ms, i) => offsetAt(ms, timeZone) === (i === 0 ? before : after));
  return occurrences.length > 0 ? Math.min(...occurrences) : local - before;
}

// The local calendar day (as a UTC midnight) an instant falls on in the zone.
function localDay(ms: number, timeZone: string): number {
  const local = ms + offsetAt(ms, timeZone);
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}

// The instant the local day of `now` began in the zone: "today" as the team's clock on the wall has it.
export function startOfDayIn(now: Date, timeZone: string): Date {
  return new Date(instantOf(localDay(now.getTime(), timeZone), 0, timeZone));
}

// The zone a team's "today" is counted in: that of its business hours when it set them, so the day the stats
// cover is the day it works; else its own time zone setting.
export function teamTimeZone(settings: { businessHours: string | null; timeZone: string }): string {
  const parsed = settings.businessHours === null ? null : parseBusinessHours(settings.businessHours);
  return parsed && 'hours' in parsed ? parsed.hours.timeZone : settings.timeZone;
}

// Seconds of business hours between two instants: the clock a response-time target counts against.
export function businessSecondsBetween(from: Date, to: Date, hours: BusinessHours): number {
  const start = from.getTime();
  const end = to.getTime();
  let total = 0;
  for (let day = localDay(start, hours.timeZone); instantOf(day, 0, hours.timeZone) < end; day += DAY_MS) {
    if (!hours.days.has(new Date(day).getUTCDay())) continue;
    const opens = instantOf(day, hours.opens, hours.timeZone);
    const closes = instantOf(day, hours.closes, hours.timeZone);
    total += Math.max(0, Math.min(closes, end) - Math.max(opens, start));
  }
  return Math.floor(total / 1000);
}

// Whether a clock that started at `since` and allows `allowedSeconds` has run out by `now`: counted in
// business hours when the team set them, else all the time.
export function clockRanOut(since: Date, allowedSeconds: number, now: Date, hours: BusinessHours | null): boolean {
  const elapsed = hours ? businessSecondsBetween(since, now, hours) : (now.getTime() - since.getTime()) / 1000;
  return elapsed >= allowedSeconds;
}
