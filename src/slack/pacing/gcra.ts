// The pacing maths (GCRA, the generic cell rate algorithm), free of Redis so it can be checked on its own;
// redis-pacer.ts runs the same steps in Lua, atomically for every worker.
//
// A key's schedule is `tat`: when the key would be idle again had every slot handed out so far been spaced one
// interval apart. A call may go while `tat` is less than `burst - 1` intervals ahead of now, so a quiet key
// lets a short burst through and a busy one settles at one call per interval. A slot taken late (a job that
// woke a little after its time) is charged from `tat`, not from now, so lateness under load costs no rate.
//
// A call refused gets a turn, `queue`: the first refused call is told to come back when the next slot frees,
// the next ones a little later each, so waiting jobs wake a few per slot in the order they asked instead of
// all at once to fight over each slot (and load the database every time they lose). A turn is not a
// reservation: whoever asks when a slot is free gets it. Two turns per slot, because a job often wakes to find
// its work done by another job for the same thread; the other one then takes the slot.
export const TURNS_PER_SLOT = 2;

export interface Pace {
  // One call per this many milliseconds, sustained; 0 paces nothing (only a hold-off stops calls).
  intervalMs: number;
  // How many calls may go at once after a quiet spell; at least 1.
  burst: number;
}

export interface KeySchedule {
  tat?: number;
  queue?: number;
}

export type SlotAnswer = { granted: true; schedules: KeySchedule[] } | { granted: false; waitMs: number; schedules: KeySchedule[] };

function tolerance(pace: Pace): number {
  return (pace.burst - 1) * pace.intervalMs;
}

// One slot from every key a call counts against, or from none: the call waits for the busiest.
export function takeSlot(schedules: KeySchedule[], now: number, paces: Pace[]): SlotAnswer {
  const keys = schedules.map((s, i) => {
    const tat = Math.max(s.tat ?? now, now);
    return { tat, queue: s.queue, freeAt: tat - tolerance(paces[i]!), pace: paces[i]! };
  });
  const busy = keys.filter((k) => k.freeAt > now);
  if (busy.length === 0) {
    return { granted: true, schedules: keys.map((k) => ({ tat: k.tat + k.pace.intervalMs, queue: k.queue })) };
  }
  const turn = Math.max(...busy.map((k) => Math.max(k.freeAt, k.queue ?? 0)));
  return {
    granted: false,
    waitMs: turn - now,
    schedules: keys.map((k) => ({ tat: k.tat, queue: k.freeAt > now ? turn + k.pace.intervalMs / TURNS_PER_SLOT : k.queue })),
  };
}

// Slack answered 429 with Retry-After: the key's next slot is then, and only one slot, whatever burst the
// pace allows, since Slack's own bucket is just refilling.
export function holdOff(schedule: KeySchedule, now: number, retryAfterMs: number, pace: Pace): KeySchedule {
  return { tat: Math.max(schedule.tat ?? now, now + retryAfterMs + tolerance(pace)), queue: schedule.queue };
}
