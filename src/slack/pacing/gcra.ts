// The pacing maths (GCRA, the generic cell rate algorithm), free of Redis so it can be checked on its own;
// redis-pacer.ts runs the same steps in Lua, atomically for every worker.
//
// A key's whole state is one time, `tat`: when the key would be idle again had every slot handed out so far
// been spaced one interval apart. A call may go while `tat` is less than `burst - 1` intervals ahead of now,
// so a quiet key lets a short burst through and a busy one settles at one call per interval. A slot taken late
// (a job that woke a little after its time) is charged from `tat`, not from now, so lateness under load costs
// no rate.

export interface Pace {
  // One call per this many milliseconds, sustained; 0 paces nothing (only a hold-off stops calls).
  intervalMs: number;
  // How many calls may go at once after a quiet spell; at least 1.
  burst: number;
}

export type SlotAnswer = { granted: true; tat: number } | { granted: false; waitMs: number };

function tolerance(pace: Pace): number {
  return (pace.burst - 1) * pace.intervalMs;
}

export function takeSlot(tat: number | undefined, now: number, pace: Pace): SlotAnswer {
  const from = Math.max(tat ?? now, now);
  const freeAt = from - tolerance(pace);
  if (freeAt > now) return { granted: false, waitMs: freeAt - now };
  return { granted: true, tat: from + pace.intervalMs };
}

// Slack answered 429 with Retry-After: the key's next slot is then, and only one slot, whatever burst the
// pace allows, since Slack's own bucket is just refilling.
export function holdOff(tat: number | undefined, now: number, retryAfterMs: number, pace: Pace): number {
  return Math.max(tat ?? now, now + retryAfterMs + tolerance(pace));
}
