import IORedis from 'ioredis';
import { Client } from 'pg';
import { type PostgresCounter, startPostgresCounter } from '../bench/counters/postgres-round-trips';
import { type RedisCounter, startRedisCounter } from '../bench/counters/redis-commands';
import { extendedQuery, simpleQuery } from '../helpers/postgres-messages';
import { connectRawPostgres } from '../helpers/raw-postgres-client';
import { TEST_REDIS_URL } from '../helpers/services';
import { type TestDatabase, createTestDatabase } from '../helpers/test-database';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';

// The bench counts what Handoff asks of PostgreSQL and Redis from outside its processes; these tests hold
// the counters to exact numbers against the real servers.

describe('counting PostgreSQL round trips', () => {
  let db: TestDatabase;
  let counter: PostgresCounter;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    counter = await startPostgresCounter(db.url);
  });
  afterEach(async () => {
    await counter.stop();
  });

  async function connect(url = counter.url): Promise<Client> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  }

  it('counts nothing for connecting, then one round trip per query, parameterised or simple', async () => {
    const client = await connect();
    try {
      // node-postgres sends nothing countable after the StartupMessage: with trust auth the server answers
      // straight away and the client waits for its ReadyForQuery.
      expect(counter.connections()).toBe(1);
      expect(counter.roundTrips()).toBe(0);

      await client.query('BEGIN'); // a simple query: 'Q'
      const answers: number[] = [];
      for (const n of [1, 2, 3]) {
        // Parse, Bind, Describe, Execute and one Sync in a single write
        const { rows } = await client.query<{ n: number }>('SELECT $1::int * 10 AS n', [n]);
        answers.push(rows[0]!.n);
      }
      await client.query('COMMIT');

      expect(answers).toEqual([10, 20, 30]);
      expect(counter.roundTrips()).toBe(5);
    } finally {
      await client.end();
    }
    // Terminate is not a query.
    expect(counter.roundTrips()).toBe(5);
  });

  it('counts every query of several clients querying at the same time', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => connect()));
    try {
      const perClient = 25;
      const sums = await Promise.all(
        clients.map(async (client, c) => {
          let sum = 0;
          for (let i = 0; i < perClient; i++) {
            const query = i % 2 === 0 ? client.query<{ n: number }>(`SELECT ${c * 100 + i} AS n`) : client.query<{ n: number }>('SELECT $1::int AS n', [c * 100 + i]);
            sum += (await query).rows[0]!.n;
          }
          return sum;
        }),
      );
      expect(sums).toEqual([0, 1, 2, 3].map((c) => c * 100 * perClient + (perClient * (perClient - 1)) / 2));
      expect(counter.connections()).toBe(4);
      expect(counter.roundTrips()).toBe(4 * perClient);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('counts queries sent back to back in one write', async () => {
    const raw = await connectRawPostgres(counter.url);
    try {
      const batch = Buffer.concat(
        Array.from({ length: 10 }, (_, i) => Buffer.concat([simpleQuery(`SELECT ${i}`), extendedQuery('SELECT $1::int', [String(i)])])),
      );
      await raw.send(batch, 20);
      expect(counter.roundTrips()).toBe(20);
    } finally {
      await raw.close();
    }
  });

  it('counts queries written one byte at a time, after an SSLRequest the server turns down', async () => {
    const raw = await connectRawPostgres(counter.url, { sslRequest: true, bytePerWrite: true });
    try {
      expect(counter.roundTrips()).toBe(0);
      await raw.send(Buffer.concat([simpleQuery("SELECT 'QS'"), extendedQuery('SELECT $1::text', ['SQ'])]), 2);
      expect(counter.roundTrips()).toBe(2);
    } finally {
      await raw.close();
    }
  });

  it('connects to the same database as the same user with the same parameters', async () => {
    const upstream = new URL(db.url);
    upstream.searchParams.set('application_name', 'handoff-bench');
    const named = await startPostgresCounter(upstream.toString());
    try {
      const proxied = new URL(named.url);
      expect(proxied.hostname).toBe('127.0.0.1');
      expect(proxied.port).not.toBe(upstream.port);
      const client = await connect(named.url);
      try {
        const { rows } = await client.query("SELECT current_database() AS db, current_user AS who, current_setting('application_name') AS app");
        expect(rows[0]).toEqual({ db: upstream.pathname.slice(1), who: upstream.username, app: 'handoff-bench' });
      } finally {
        await client.end();
      }
      expect(named.roundTrips()).toBe(1);
    } finally {
      await named.stop();
    }
  });

  it('starts again from zero after a reset', async () => {
    const client = await connect();
    try {
      await client.query('SELECT 1');
      counter.reset();
      expect([counter.roundTrips(), counter.connections()]).toEqual([0, 0]);
      await client.query('SELECT $1::int', [2]);
      expect(counter.roundTrips()).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('closes the connections still open through it when it stops', async () => {
    const client = await connect();
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.on('error', () => {}); // the cut connection is what this test expects
    await counter.stop();
    await ended;
    await expect(client.query('SELECT 1')).rejects.toThrow();
  });
});

describe('counting Redis commands', () => {
  // MONITOR sees every client of the server, and other test files use it at the same time: only commands
  // on this file's keys are counted.
  const prefix = uniqueQueuePrefix();
  const strangerPrefix = uniqueQueuePrefix();
  let counter: RedisCounter;
  let redis: IORedis;

  beforeEach(async () => {
    counter = await startRedisCounter(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
    redis = new IORedis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    redis.disconnect();
    await counter.stop();
  });
  afterAll(async () => {
    await clearQueuePrefix(prefix);
    await clearQueuePrefix(strangerPrefix);
  });

  const INCREMENT_AND_READ = "redis.call('INCR', KEYS[1]); return redis.call('GET', KEYS[1])";

  it('counts the commands a client sends and those its script runs, and nobody else’s', async () => {
    const stranger = new IORedis(TEST_REDIS_URL);
    try {
      const key = `${prefix}:alerts`;
      const strangerKey = `${strangerPrefix}:alerts`;
      await Promise.all([stranger.set(strangerKey, '1'), redis.set(key, '1')]);
      await Promise.all([stranger.get(strangerKey), redis.get(key)]);
      const [, counted] = await Promise.all([stranger.eval(INCREMENT_AND_READ, 1, strangerKey), redis.eval(INCREMENT_AND_READ, 1, key)]);
      expect(counted).toBe('2');

      await counter.settle();
      expect(counter.commands()).toEqual({ sent: 3, inScripts: 2, byName: { SET: 1, GET: 2, EVAL: 1, INCR: 1 } });
    } finally {
      stranger.disconnect();
    }
  });

  it('starts again from zero after a reset', async () => {
    await redis.set(`${prefix}:conversation`, 'open');
    await counter.settle();
    expect(counter.commands().sent).toBe(1);

    counter.reset();
    await redis.hset(`${prefix}:conversation:2`, 'state', 'open');
    await counter.settle();
    expect(counter.commands()).toEqual({ sent: 1, inScripts: 0, byName: { HSET: 1 } });
  });

  it('leaves its own PINGs out, though another counter on the same keys sees them', async () => {
    const other = await startRedisCounter(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
    try {
      // The other counter's own start-up PING may still be on its way to this one's feed: settle, then reset.
      await counter.settle();
      counter.reset();
      await counter.settle();
      await counter.settle();
      await other.settle();
      expect(other.commands()).toEqual({ sent: 3, inScripts: 0, byName: { PING: 3 } });
      // Three of its own PINGs left out, the other counter's one counted.
      await counter.settle();
      expect(counter.commands()).toEqual({ sent: 1, inScripts: 0, byName: { PING: 1 } });
    } finally {
      await other.stop();
    }
  });
});
