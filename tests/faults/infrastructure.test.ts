import { existsSync } from 'node:fs';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres';
import { startPrivateRedis, type PrivateRedis } from './helpers/private-redis';
import { isRunning } from './helpers/processes';

// The fault scenarios are only as good as the servers they break: these check that each private server
// starts, survives or loses its data on restart as promised, and leaves nothing behind.

jest.setTimeout(60_000);

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A server going away mid-query fails the query too; the event would otherwise be an uncaught error.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('a private Redis', () => {
  let redis: PrivateRedis | undefined;
  afterAll(() => redis?.stop());

  it('comes back empty on the same port after a restart, and stop leaves no process or directory', async () => {
    redis = await startPrivateRedis();
    const client = new IORedis(redis.url, { maxRetriesPerRequest: null });
    try {
      await client.set('handoff:job', 'queued');
      const before = redis.pid();
      await redis.restart({ downMs: 200 });
      expect(redis.pid()).not.toBe(before);
      expect(isRunning(before)).toBe(false);
      // The client reconnects by itself to the same URL, as the app's do.
      expect(await client.get('handoff:job')).toBeNull();
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }
    const { dir } = redis;
    const pid = redis.pid();
    await redis.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a private PostgreSQL', () => {
  let pg: PrivatePostgres | undefined;
  afterAll(() => pg?.stop());

  it('refuses connections while restarting, keeps committed rows, and stop removes the cluster', async () => {
    pg = await startPrivatePostgres();
    expect(pg.url()).toBe(`postgresql://postgres@127.0.0.1:${pg.port}/handoff`);
    await query(pg.url(), 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$committed$$)');
    const restarting = pg.restart({ downMs: 1000 });
    // Once the postmaster is gone and before the new one is up, nobody answers on the port.
    await expect(waitForRefusal(pg.url())).resolves.toBe(true);
    await restarting;
    expect(await query(pg.url(), 'SELECT v FROM kept')).toEqual([{ v: 'committed' }]);
    const { dir } = pg;
    const pid = pg.pid();
    expect(isRunning(pid)).toBe(true);
    await pg.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await expect(query(pg.url(), 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });
});

async function waitForRefusal(url: string): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const refused = await query(url, 'SELECT 1').then(() => false, (err: Error) => /ECONNREFUSED/.test(err.message));
    if (refused) return true;
  }
  return false;
}
