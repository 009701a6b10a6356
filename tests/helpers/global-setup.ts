import IORedis from 'ioredis';
import { Client } from 'pg';
import { applyMigrations, readMigrations } from '../../src/db/migrate';
import { ADMIN_DATABASE_URL, TEST_REDIS_URL, databaseUrl, templateName } from './services';

async function checkRedis(): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

// Builds, once per set of migrations, a migrated database each test file copies in milliseconds.
export default async function globalSetup(): Promise<void> {
  await checkRedis();
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_DATABASE_URL} (set TEST_DATABASE_URL): ${(err as Error).message}`);
  }
  try {
    const migrations = await readMigrations();
    const template = templateName(migrations.map((m) => m.checksum));
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!rowCount) {
      const building = `${template}_building_${process.pid}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      await applyMigrations(databaseUrl(building), migrations);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (err) => {
        // Another run finished the same template first; ours is not needed.
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        if (!String(err.message).includes('already exists')) throw err;
      });
    }
    process.env.HANDOFF_TEST_TEMPLATE = template;
    process.env.HANDOFF_TEST_RUN = String(process.pid);
  } finally {
    await admin.end();
  }
}
