import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { closeDatabase, createDatabase, type Database } from '../../src/db/client';
import { ADMIN_DATABASE_URL, databaseUrl } from './services';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

// A private, migrated database for one test file, copied from the template global setup built; `empty`: one
// with no tables at all, as a new deployment's database is.
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = process.env.HANDOFF_TEST_TEMPLATE;
  if (!template) throw new Error('HANDOFF_TEST_TEMPLATE is unset: run the tests through jest (global setup builds it)');
  const runPid = process.env.HANDOFF_TEST_RUN ?? 'orphan';
  const name = `handoff_test_${runPid}_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (admin) => {
    if (opts.empty) {
      await admin.query(`CREATE DATABASE "${name}"`);
      return;
    }
    // PostgreSQL copies a template only while nobody else is copying it; parallel files take turns.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        if (attempt > 50 || !String((err as Error).message).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

// A database of the test file's own with a client on it, made before the file's tests and dropped after them.
// Read `db` inside a test or hook: it is there once the file's beforeAll has run.
export function databaseOfTheFile(): { readonly db: Database } {
  let database: TestDatabase | undefined;
  let client: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = createDatabase({ url: database.url, maxConnections: 2 });
  });
  afterAll(async () => {
    if (client) await closeDatabase(client);
    await database?.drop();
  });
  return {
    get db(): Database {
      if (!client) throw new Error('the file’s database is made in beforeAll: read db inside a test or hook');
      return client;
    },
  };
}
