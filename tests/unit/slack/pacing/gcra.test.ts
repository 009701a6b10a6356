import fc from 'fast-check';
import { holdOff, takeSlot, type KeySchedule, type Pace } from '../../../../src/slack/pacing/gcra';

const ONE_A_SECOND: Pace = { intervalMs: 1000, burst: 2 };

// Asks for a slot at each time in `times` (ms), keeping the schedule as the pacer would; answers the grants.
function grantsAt(times: number[], pace: Pace): number[] {
  let schedule: KeySchedule = {};
  const granted: number[] = [];
  for (const now of times) {
    const answer = takeSlot([schedule], now, [pace]);
    schedule = answer.schedules[0]!;
    if (answer.granted) granted.push(now);
  }
  return granted;
}

const waitOf = (answer: ReturnType<typeof takeSlot>) => (answer.granted ? 0 : answer.waitMs);

describe('the pacing maths', () => {
  it('lets a burst through on a quiet key, then one call per interval', () => {
    expect(grantsAt([0, 0, 0, 999, 1000, 1500, 2000], ONE_A_SECOND)).toEqual([0, 0, 1000, 2000]);
  });

  it('says how long until the next slot', () => {
    expect(takeSlot([{ tat: 3000 }], 1200, [ONE_A_SECOND])).toMatchObject({ granted: false, waitMs: 800 });
    expect(takeSlot([{ tat: 3000 }], 2000, [ONE_A_SECOND])).toEqual({ granted: true, schedules: [{ tat: 4000 }] });
  });

  it('gives calls refused together their turns in the order they asked, two to a slot', () => {
    let schedule: KeySchedule = { tat: 2000 };
    const waits = [0, 1, 2, 3].map(() => {
      const answer = takeSlot([schedule], 500, [ONE_A_SECOND]);
      schedule = answer.schedules[0]!;
      return waitOf(answer);
    });
    expect(waits).toEqual([500, 1000, 1500, 2000]);
    // The first to come back at each slot takes it; the second finds the next slot a turn away.
    expect(takeSlot([schedule], 1000, [ONE_A_SECOND]).granted).toBe(true);
  });

  it('charges a slot taken late from the schedule, not from when it was taken, while the key is busy', () => {
    // Each call comes 30 ms after its slot was free, as a job woken from the delayed set does: no rate is lost.
    let schedule: KeySchedule = { tat: 2000 };
    for (const now of [1030, 2030, 3030, 4030]) {
      const answer = takeSlot([schedule], now, [ONE_A_SECOND]);
      expect(answer.granted).toBe(true);
      schedule = answer.schedules[0]!;
    }
    expect(schedule.tat).toBe(6000);
  });

  it('refills the burst only after a quiet spell', () => {
    expect(grantsAt([0, 0, 5000, 5000, 5000], ONE_A_SECOND)).toEqual([0, 0, 5000, 5000]);
  });

  it('never grants more than the burst plus one call per interval in any window', () => {
    const pace: Pace = { intervalMs: 1200, burst: 4 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 300 }), (raw) => {
        const granted = grantsAt([...raw].sort((a, b) => a - b), pace);
        for (let i = 0; i < granted.length; i++) {
          for (let j = i; j < granted.length; j++) {
            expect(j - i + 1).toBeLessThanOrEqual(pace.burst + Math.floor((granted[j]! - granted[i]!) / pace.intervalMs));
          }
        }
      }),
    );
  });

  it('takes a slot from every key or from none, and waits for the busiest', () => {
    const root: Pace = { intervalMs: 1000, burst: 1 };
    const tier3: Pace = { intervalMs: 1200, burst: 4 };
    const refused = takeSlot([{}, { tat: 1500 }], 0, [tier3, root]);
    expect(refused).toMatchObject({ granted: false, waitMs: 1500 });
    // The free key lent nothing and queued nobody.
    expect(refused.schedules[0]).toEqual({ tat: 0, queue: undefined });
    expect(takeSlot([{}, {}], 0, [tier3, root])).toEqual({ granted: true, schedules: [{ tat: 1200 }, { tat: 1000 }] });
  });

  it('after a 429 holds the key off for Retry-After, then lets one call through, not a burst', () => {
    const held = holdOff({}, 10_000, 2000, ONE_A_SECOND);
    expect(waitOf(takeSlot([held], 11_999, [ONE_A_SECOND]))).toBe(1);
    const first = takeSlot([held], 12_000, [ONE_A_SECOND]);
    expect(first).toEqual({ granted: true, schedules: [{ tat: 14_000 }] });
    expect(waitOf(takeSlot(first.schedules, 12_000, [ONE_A_SECOND]))).toBe(1000);
  });

  it('never shortens a schedule that already runs past Retry-After', () => {
    expect(holdOff({ tat: 20_000 }, 10_000, 1000, ONE_A_SECOND)).toEqual({ tat: 20_000 });
  });

  it('paces nothing at interval 0, yet still honours a hold-off', () => {
    const unpaced: Pace = { intervalMs: 0, burst: 1 };
    expect(grantsAt([0, 0, 0, 0], unpaced)).toEqual([0, 0, 0, 0]);
    expect(waitOf(takeSlot([holdOff({}, 0, 1000, unpaced)], 500, [unpaced]))).toBe(500);
  });
});
