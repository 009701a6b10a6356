import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Pace } from './gcra';
import { PaceWait, type SlackPacer } from './slack-pacer';
import type { PaceKey } from './slack-paces';

// gcra.ts's takeSlot and holdOff over several keys at once, on Redis's clock so replicas on hosts whose clocks
// disagree still share one schedule. A call takes a slot from every key it counts against or from none.
// KEYS: the pace keys. ARGV: 'take' or 'hold', the hold-off in ms, then interval ms and burst for each key.
// Answers 0 when granted (or held off), else the ms until every key has a slot free.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local take = ARGV[1] == 'take'
local holdMs = tonumber(ARGV[2])
local keys = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[1 + 2 * i])
  local tolerance = (tonumber(ARGV[2 + 2 * i]) - 1) * interval
  local tat = math.max(tonumber(redis.call('GET', key)) or now, now)
  keys[i] = { tat = tat, interval = interval, tolerance = tolerance }
  if take then wait = math.max(wait, tat - tolerance - now) end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local k = keys[i]
  local tat = take and (k.tat + k.interval) or math.max(k.tat, now + holdMs + k.tolerance)
  -- Once now passes tat the key says nothing a missing key would not: let it expire then.
  if tat > now then redis.call('SET', key, tat, 'PX', tat - now) end
end
return 0
`;

// A slot this close is waited for in the worker: cheaper than a round trip through the delayed set.
const SHORT_WAIT_MS = 100;

// Slack's 429s are still honoured when pacing is off (Retry-After holds every worker off), but nothing is
// paced ahead of them.
const UNPACED: Pace = { intervalMs: 0, burst: 1 };

export class RedisPacer implements SlackPacer {
  constructor(
    private readonly redis: Redis,
    // `<queue prefix>:pace:<team>`: one schedule per workspace, whichever process calls.
    private readonly keyPrefix: string,
    private readonly paced: boolean,
  ) {}

  async slot(keys: PaceKey[]): Promise<void> {
    let waitMs = await this.run('take', keys, 0);
    if (waitMs > 0 && waitMs <= SHORT_WAIT_MS) {
      await sleep(waitMs);
      waitMs = await this.run('take', keys, 0);
    }
    if (waitMs > 0) throw new PaceWait(keys, waitMs);
  }

  async holdOff(keys: PaceKey[], retryAfterSeconds: number): Promise<void> {
    await this.run('hold', keys, Math.ceil(retryAfterSeconds * 1000));
  }

  private async run(mode: 'take' | 'hold', keys: PaceKey[], holdMs: number): Promise<number> {
    const paces = keys.map((k) => (this.paced ? k.pace : UNPACED));
    const answer = await this.redis.eval(
      SCRIPT,
      keys.length,
      ...keys.map((k) => `${this.keyPrefix}:${k.name}`),
      mode,
      holdMs,
      ...paces.flatMap((p) => [p.intervalMs, p.burst]),
    );
    return Number(answer);
  }
}
