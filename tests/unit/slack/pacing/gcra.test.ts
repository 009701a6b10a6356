import fc from 'fast-check';
import { holdOff, takeSlot, type Pace } from '../../../../src/slack/pacing/gcra';

const ONE_A_SECOND: Pace = { intervalMs: 1000, burst: 2 };

// Asks for a slot at each time in `times` (ms), keeping the state as the pacer would; answers the grants.
function grantsAt(times: number[], pace: Pace): number[] {
  let tat: number | undefined;
  const granted: number[] = [];
  for (const now of times) {
    const answer = takeSlot(tat, now, pace);
    if (answer.granted) {
      tat = answer.tat;
      granted.push(now);
    }
  }
  return granted;
}

describe('the pacing maths', () => {
  it('lets a burst through on a quiet key, then one call per interval', () => {
    expect(grantsAt([0, 0, 0, 999, 1000, 1500, 2000], ONE_A_SECOND)).toEqual([0, 0, 1000, 2000]);
  });

  it('says how long until the next slot', () => {
    expect(takeSlot(3000, 1200, ONE_A_SECOND)).toEqual({ granted: false, waitMs: 800 });
    expect(takeSlot(3000, 2000, ONE_A_SECOND)).toEqual({ granted: true, tat: 4000 });
  });

  it('charges a slot taken late from the schedule, not from when it was taken, while the key is busy', () => {
    // Each call comes 30 ms after its slot was free, as a job woken from the delayed set does: no rate is lost.
    let tat: number | undefined = 2000;
    const times = [1030, 2030, 3030, 4030];
    for (const now of times) {
      const answer = takeSlot(tat, now, ONE_A_SECOND);
      expect(answer.granted).toBe(true);
      if (answer.granted) tat = answer.tat;
    }
    expect(tat).toBe(6000);
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

  it('after a 429 holds the key off for Retry-After, then lets one call through, not a burst', () => {
    const held = holdOff(undefined, 10_000, 2000, ONE_A_SECOND);
    expect(takeSlot(held, 11_999, ONE_A_SECOND)).toEqual({ granted: false, waitMs: 1 });
    const first = takeSlot(held, 12_000, ONE_A_SECOND);
    expect(first).toEqual({ granted: true, tat: 14_000 });
    expect(takeSlot(first.granted ? first.tat : 0, 12_000, ONE_A_SECOND)).toEqual({ granted: false, waitMs: 1000 });
  });

  it('never shortens a schedule that already runs past Retry-After', () => {
    expect(holdOff(20_000, 10_000, 1000, ONE_A_SECOND)).toBe(20_000);
  });

  it('paces nothing at interval 0, yet still honours a hold-off', () => {
    const unpaced: Pace = { intervalMs: 0, burst: 1 };
    expect(grantsAt([0, 0, 0, 0], unpaced)).toEqual([0, 0, 0, 0]);
    expect(takeSlot(holdOff(undefined, 0, 1000, unpaced), 500, unpaced)).toEqual({ granted: false, waitMs: 500 });
  });
});
