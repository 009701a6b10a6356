import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { RedisPacer } from '../../src/slack/pacing/redis-pacer';
import { PaceWait } from '../../src/slack/pacing/slack-pacer';
import type { PaceKey } from '../../src/slack/pacing/slack-paces';
import { TEST_REDIS_URL } from '../helpers/services';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';

// Two replicas: each has its own Redis connection and pacer, on one shared schedule.
const prefix = uniqueQueuePrefix();
const connections = [new IORedis(TEST_REDIS_URL), new IORedis(TEST_REDIS_URL)];
const replicas = connections.map((c) => new RedisPacer(c, `${prefix}:pace:T1`, true));

afterAll(async () => {
  await clearQueuePrefix(prefix);
  for (const c of connections) c.disconnect();
});

// Slack's own pace by default; faster where a test measures a rate, yet slow enough that Redis round trips are
// small beside it.
const channel = (name: string, intervalMs = 1000): PaceKey[] => [{ name: `chat.postMessage:${name}`, pace: { intervalMs, burst: 2 } }];

// Takes a slot, or waits as long as the pacer says, until `until`; answers when each slot was granted.
async function keepPosting(pacer: RedisPacer, keys: PaceKey[], until: number): Promise<number[]> {
  const granted: number[] = [];
  while (Date.now() < until) {
    try {
      await pacer.slot(keys);
      granted.push(Date.now());
    } catch (err) {
      if (!(err instanceof PaceWait)) throw err;
      await sleep(err.retryAfterSeconds! * 1000);
    }
  }
  return granted;
}

// The most slots granted in any stretch, beyond what the pace allows for that stretch.
function mostOverPace(granted: number[], { intervalMs, burst }: { intervalMs: number; burst: number }, clockSlackMs: number): number {
  const sorted = [...granted].sort((a, b) => a - b);
  let worst = -Infinity;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i; j < sorted.length; j++) {
      worst = Math.max(worst, j - i + 1 - (burst + Math.floor((sorted[j]! - sorted[i]! + clockSlackMs) / intervalMs)));
    }
  }
  return worst;
}

async function waitFor(pacer: RedisPacer, keys: PaceKey[]): Promise<number> {
  const err = await pacer.slot(keys).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof PaceWait)) throw new Error(`expected to be told to wait, got ${String(err)}`);
  return err.retryAfterSeconds! * 1000;
}

describe('the shared Slack pacer', () => {
  it('never hands two replicas together more than the pace, and keeps them near it', async () => {
    const keys = channel('C1', 200);
    const until = Date.now() + 3000;
    const [a, b] = await Promise.all(replicas.map((r) => keepPosting(r, keys, until)));
    const all = [...a!, ...b!];
    // Each grant is stamped on return from Redis, a few ms after Redis decided it.
    expect(mostOverPace(all, keys[0]!.pace, 15)).toBeLessThanOrEqual(0);
    // 2 at once, then one per 200 ms over 3 s: 17 at most, though each replica asked all the time and alone
    // would have taken as many, so the two were held to one schedule. Which of them wins a slot is a race
    // (a busy machine can let one win them all), so no share of it is promised.
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.length).toBeLessThanOrEqual(17);
  });

  it('gives jobs refused on different replicas turns in the order they asked, two to a slot', async () => {
    const keys = channel('C8');
    await replicas[0]!.slot(keys);
    await replicas[1]!.slot(keys);
    const waits = [await waitFor(replicas[0]!, keys), await waitFor(replicas[1]!, keys), await waitFor(replicas[0]!, keys)];
    expect(waits[1]! - waits[0]!).toBeGreaterThan(400);
    expect(waits[2]! - waits[1]!).toBeGreaterThan(400);
  });

  it('keeps channels apart', async () => {
    await replicas[0]!.slot(channel('C2'));
    await replicas[0]!.slot(channel('C2'));
    await expect(replicas[1]!.slot(channel('C2'))).rejects.toBeInstanceOf(PaceWait);
    await expect(replicas[1]!.slot(channel('C3'))).resolves.toBeUndefined();
  });

  it('after a 429 on one replica makes the other wait out Retry-After, then lets one call through', async () => {
    const keys = channel('C4');
    await replicas[0]!.holdOff(keys, 1);
    const wait = await waitFor(replicas[1]!, keys);
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
    await sleep(wait);
    await expect(replicas[1]!.slot(keys)).resolves.toBeUndefined();
    // Slack's bucket is only refilling: no burst after a hold-off.
    expect(await waitFor(replicas[0]!, keys)).toBeGreaterThan(0);
  });

  it('takes a slot from every limit a call counts against, or from none', async () => {
    const busy = channel('C5');
    const free = channel('C6');
    await replicas[0]!.holdOff(busy, 1);
    await expect(replicas[0]!.slot([...free, ...busy])).rejects.toBeInstanceOf(PaceWait);
    // The refused call took nothing from the free limit: its whole burst is still there.
    await replicas[1]!.slot(free);
    await replicas[1]!.slot(free);
    await expect(replicas[1]!.slot(free)).rejects.toBeInstanceOf(PaceWait);
  });

  it('with pacing off hands out every slot, yet still honours a 429', async () => {
    const unpaced = new RedisPacer(connections[0]!, `${prefix}:pace:T2`, false);
    const keys = channel('C7');
    for (let i = 0; i < 20; i++) await unpaced.slot(keys);
    await unpaced.holdOff(keys, 1);
    expect(await waitFor(unpaced, keys)).toBeGreaterThan(900);
  });

  it('tells its observer of every wait: for a slot, and for Retry-After', async () => {
    const waits: [string, number][] = [];
    const observed = new RedisPacer(connections[0]!, `${prefix}:pace:T3`, true, (cause, seconds) => void waits.push([cause, seconds]));
    const keys = channel('C9');
    await observed.slot(keys);
    await observed.slot(keys);
    await expect(observed.slot(keys)).rejects.toBeInstanceOf(PaceWait);
    await observed.holdOff(keys, 2);
    expect(waits.map(([cause]) => cause)).toEqual(['pace', 'retry_after']);
    expect(waits[0]![1]).toBeGreaterThan(0.9);
    expect(waits[1]![1]).toBe(2);
  });

  it('waits in the worker for a slot a few ms away instead of sending the job back', async () => {
    const keys: PaceKey[] = [{ name: 'reactions.add', pace: { intervalMs: 60, burst: 1 } }];
    await replicas[0]!.slot(keys);
    const started = Date.now();
    await replicas[1]!.slot(keys);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
