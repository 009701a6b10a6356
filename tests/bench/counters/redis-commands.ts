import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import IORedis from 'ioredis';

// Counts the Redis commands Handoff's processes make from outside them, through a MONITOR connection,
// which the server feeds with every command it runs, in the order it runs them. MONITOR leaves out
// administrative commands (CONFIG, DEBUG, ...), which Handoff does not send on its paths.

export interface RedisCommandCounts {
  // Commands clients sent: each is one request and one reply, though pipelined ones share a network write.
  sent: number;
  // Commands Lua scripts ran inside the server (EVAL, EVALSHA, FCALL), which cost no round trip.
  inScripts: number;
  // Both kinds, by upper-case command name: the values add up to sent + inScripts.
  byName: Record<string, number>;
}

export interface RedisCounterFilter {
  // MONITOR sees every client of the server, including other benchmarks or test files on the same Redis.
  // With a prefix, a command counts only when one of its arguments starts with it: Handoff's queue keys all
  // start with `<QUEUE_PREFIX>:`, so this keeps its commands and drops everyone else's. Matching any
  // argument, not only the key positions, stays right for EVALSHA (keys after numkeys) and for the
  // commands scripts run, at the cost of counting a stranger whose values happen to hold the prefix.
  // Commands without arguments of their own (MULTI, EXEC, INFO, CLIENT SETNAME) are left out with
  // everyone else's, even from Handoff's connections.
  keyPrefix?: string;
}

export interface RedisCounter {
  commands(): RedisCommandCounts;
  reset(): void;
  // Resolves once every command the server ran before this call has been counted: MONITOR reports a
  // little after the server replies, so read counts after settle(), and settle() before reset().
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const SETTLE_TIMEOUT_MS = 10_000;
const MONITOR_ATTEMPTS = 3;

// On a busy server the first monitored commands can arrive in the same read as MONITOR's own OK, before
// ioredis has switched the connection into monitor mode, and ioredis gives up on that connection. Starting
// again is safe: nothing has been counted yet.
async function openMonitor(own: IORedis): Promise<IORedis> {
  for (let attempt = 1; ; attempt++) {
    const monitor = own.duplicate({ monitor: true, lazyConnect: false });
    try {
      await new Promise<void>((resolve, reject) => {
        monitor.once('error', reject);
        monitor.once('monitoring', () => {
          monitor.off('error', reject);
          resolve();
        });
      });
      return monitor;
    } catch (err) {
      monitor.on('error', () => {});
      monitor.disconnect();
      if (attempt >= MONITOR_ATTEMPTS) throw err;
    }
  }
}

export async function startRedisCounter(redisUrl: string, filter: RedisCounterFilter = {}): Promise<RedisCounter> {
  // The counter's own connection only sends PINGs carrying a token, which the monitor recognises and skips.
  const own = new IORedis(redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  let counts = emptyCounts();
  const waiting = new Map<string, () => void>();
  let lost: Error | undefined;
  let stopping = false;

  let monitor: IORedis;
  try {
    await own.ping();
    monitor = await openMonitor(own);
  } catch (err) {
    own.disconnect();
    throw err;
  }
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const [name = '', ...rest] = args;
    const token = name.toUpperCase() === 'PING' && rest.length === 1 ? rest[0]! : undefined;
    const ownPing = token === undefined ? undefined : waiting.get(token);
    if (ownPing) {
      ownPing();
      return;
    }
    const prefix = filter.keyPrefix;
    if (prefix !== undefined && !rest.some((arg) => arg.startsWith(prefix))) return;
    if (source === 'lua') counts.inScripts++;
    else counts.sent++;
    const key = name.toUpperCase();
    counts.byName[key] = (counts.byName[key] ?? 0) + 1;
  });
  // A monitor that reconnected would have missed whatever ran in between.
  monitor.on('error', (err: Error) => (lost ??= err));
  monitor.on('close', () => {
    if (!stopping) lost ??= new Error('the MONITOR connection closed');
  });

  const settle = async () => {
    // The token carries the prefix, so the PING passes the same filter as anyone's command and leaving it
    // out is the counter's choice: a second counter on the same prefix counts this one's PINGs.
    const token = `${filter.keyPrefix ?? ''}redis-counter-sync-${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve, reject) => {
      waiting.set(token, resolve);
      timer = setTimeout(() => reject(new Error(`MONITOR did not report the counter's PING within ${SETTLE_TIMEOUT_MS} ms`)), SETTLE_TIMEOUT_MS);
    });
    try {
      await Promise.all([own.ping(token), seen]);
    } finally {
      clearTimeout(timer);
      waiting.delete(token);
    }
  };

  try {
    // Seeing a PING sent after MONITOR come back through the feed proves the feed is live end to end, so
    // nothing a client sends after start resolves is missed.
    await settle();
  } catch (err) {
    stopping = true;
    await Promise.all([close(monitor), close(own)]);
    throw err;
  }

  return {
    commands() {
      if (lost) throw new Error(`Redis commands could not all be counted: ${lost.message}`);
      return { ...counts, byName: { ...counts.byName } };
    },
    reset() {
      counts = emptyCounts();
    },
    settle,
    async stop() {
      stopping = true;
      await Promise.all([close(monitor), close(own)]);
    },
  };
}

async function close(redis: IORedis): Promise<void> {
  if (redis.status === 'end') return;
  const ended = once(redis, 'end');
  redis.disconnect();
  await ended;
}

function emptyCounts(): RedisCommandCounts {
  return { sent: 0, inScripts: 0, byName: {} };
}
