import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
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
// ioredis's own monitor mode drops its connection on a busy server, when monitored commands arrive in the
// same read as MONITOR's OK; the feed is plain lines, so a socket of our own reads it without that race.
interface MonitorFeed {
  onCommand(listener: (args: string[], source: string) => void): void;
  onLost(listener: (err: Error) => void): void;
  close(): Promise<void>;
}

async function openMonitor(redisUrl: string): Promise<MonitorFeed> {
  const url = new URL(redisUrl);
  const socket = connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
  socket.setEncoding('utf8');
  const password = decodeURIComponent(url.password);
  const user = decodeURIComponent(url.username);
  const hello = [...(password ? [['AUTH', ...(user ? [user] : []), password]] : []), ['MONITOR']];
  let okToCome = hello.length;
  let commandListener: (args: string[], source: string) => void = () => {};
  let lostListener: (err: Error) => void = () => {};
  let closing = false;
  let buffered = '';
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (okToCome > 0) {
          if (line !== '+OK') return reject(new Error(`Redis answered ${line} to ${hello[hello.length - okToCome]![0]}`));
          if (--okToCome === 0) resolve();
          continue;
        }
        const parsed = parseMonitorLine(line);
        if (parsed) commandListener(parsed.args, parsed.source);
      }
    });
  });
  socket.write(hello.map(encodeCommand).join(''));
  await ready.catch((err: unknown) => {
    socket.destroy();
    throw err;
  });
  socket.on('error', (err) => lostListener(err));
  socket.on('close', () => {
    if (!closing) lostListener(new Error('the MONITOR connection closed'));
  });
  return {
    onCommand: (listener) => (commandListener = listener),
    onLost: (listener) => (lostListener = listener),
    async close() {
      closing = true;
      if (socket.destroyed) return;
      const closed = once(socket, 'close');
      socket.destroy();
      await closed;
    },
  };
}

function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

// A feed line: `+1700000000.123456 [0 127.0.0.1:5000] "SET" "key" "va\"lue"`, the source `lua` for commands a
// script ran. Arguments are quoted as Redis's sdscatrepr quotes them.
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', '"': '"', '\\': '\\' };
export function parseMonitorLine(line: string): { source: string; args: string[] } | null {
  const head = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] /.exec(line);
  if (!head) return null;
  const args: string[] = [];
  let i = head[0].length;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] !== '"') return null;
    let arg = '';
    for (i++; i < line.length && line[i] !== '"'; i++) {
      if (line[i] !== '\\') {
        arg += line[i];
        continue;
      }
      const next = line[++i] ?? '';
      if (next === 'x') {
        arg += String.fromCharCode(parseInt(line.slice(i + 1, i + 3), 16));
        i += 2;
      } else arg += ESCAPES[next] ?? next;
    }
    args.push(arg);
    i++;
  }
  return { source: head[1]!, args };
}

export async function startRedisCounter(redisUrl: string, filter: RedisCounterFilter = {}): Promise<RedisCounter> {
  // The counter's own connection only sends PINGs carrying a token, which the monitor recognises and skips.
  const own = new IORedis(redisUrl, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  let counts = emptyCounts();
  const waiting = new Map<string, () => void>();
  let lost: Error | undefined;

  let monitor: MonitorFeed;
  try {
    await own.ping();
    monitor = await openMonitor(redisUrl);
  } catch (err) {
    own.disconnect();
    throw err;
  }
  monitor.onCommand((args, source) => {
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
  monitor.onLost((err) => (lost ??= err));

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
    await Promise.all([monitor.close(), close(own)]);
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
        await Promise.all([monitor.close(), close(own)]);
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
