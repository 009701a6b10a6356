import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { TURNS_PER_SLOT, type Pace } from './gcra';
import { PaceWait, type PaceWaitObserver, type SlackPacer } from './slack-pacer';
import type { PaceKey } from './slack-paces';

// gcra.ts's takeSlot and holdOff, on Redis's clock so replicas on hosts whose clocks disagree still share one
// schedule. Each key is a hash of its `tat` and `queue`.
// KEYS: the pace keys. ARGV: 'take' or 'hold', the hold-off in ms, turns per slot, then interval ms and burst
// for each key.
// Answers 0 when granted (or held off), else the ms until the call's turn.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local take = ARGV[1] == 'take'
local holdMs = tonumber(ARGV[2])
local turns = tonumber(ARGV[3])
local keys = {}
local turn = nil
for i, key in ipairs(KEYS) do
  local s = redis.call('HMGET', key, 'tat', 'queue')
  local interval = tonumber(ARGV[2 + 2 * i])
  local tolerance = (tonumber(ARGV[3 + 2 * i]) - 1) * interval
  local tat = math.max(tonumber(s[1]) or now, now)
  local k = { tat = tat, queue = tonumber(s[2]), interval = interval, tolerance = tolerance, freeAt = tat - tolerance }
  keys[i] = k
  if take and k.freeAt > now then turn = math.max(turn or 0, k.freeAt, k.queue or 0) end
end
-- Once now passes both times the key says nothing a missing key would not: let it expire then.
local function save(key, k)
  redis.call('HSET', key, 'tat', k.tat)
  if k.queue then redis.call('HSET', key, 'queue', k.queue) end
  local keep = math.max(k.tat, k.queue or 0) - now
  if keep > 0 then redis.call('PEXPIRE', key, keep) else redis.call('DEL', key) end
end
for i, key in ipairs(KEYS) do
  local k = keys[i]
  if turn then
    if k.freeAt > now then k.queue = turn + k.interval / turns end
  elseif take then
    k.tat = k.tat + k.interval
  else
    k.tat = math.max(k.tat, now + holdMs + k.tolerance)
  end
  save(key, k)
end
if turn then return turn - now end
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
    private readonly waited: PaceWaitObserver = () => {},
  ) {}

  async slot(keys: PaceKey[]): Promise<void> {
    let waitMs = await this.run('take', keys, 0);
    if (waitMs > 0 && waitMs <= SHORT_WAIT_MS) {
      this.waited('pace', waitMs / 1000);
      await sleep(waitMs);
      waitMs = await this.run('take', keys, 0);
    }
    if (waitMs > 0) {
      this.waited('pace', waitMs / 1000);
      throw new PaceWait(keys, waitMs);
    }
  }

  async holdOff(keys: PaceKey[], retryAfterSeconds: number): Promise<void> {
    this.waited('retry_after', retryAfterSeconds);
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
      TURNS_PER_SLOT,
      ...paces.flatMap((p) => [p.intervalMs, p.burst]),
    );
    return Number(answer);
  }
}
