import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { readMigrations } from '../../src/db/migrate';
import { assertBuilt } from '../helpers/handoff-process';
import { runNpmCommand } from '../helpers/npm-command';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// `npm run db:migrate` as a deployment runs it before rolling out: the built script, only the variables given
// here, and a working directory without a .env.

let database: TestDatabase;
let workDir: string;

beforeAll(async () => {
  assertBuilt();
  database = await createTestDatabase({ empty: true });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-migrate-'));
});
afterAll(async () => {
  await database.drop();
  await rm(workDir, { recursive: true, force: true });
});

const migrate = (env: Record<string, string>) => runNpmCommand('db:migrate', env, workDir);

async function appliedMigrations(): Promise<Array<{ id: string; migration_name: string }>> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name')).rows;
  } finally {
    await client.end();
  }
}

const logged = (stdout: string) => JSON.parse(stdout.trim()) as { msg: string; applied: string[] };

describe('npm run db:migrate', () => {
  it('applies every migration to a new database, and nothing on a second run', async () => {
    const names = (await readMigrations()).map((m) => m.name);

    const first = await migrate({ DATABASE_URL: database.url });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(logged(first.stdout)).toMatchObject({ msg: 'migrations applied', applied: names });
    const recorded = await appliedMigrations();
    expect(recorded.map((r) => r.migration_name)).toEqual(names);

    const second = await migrate({ DATABASE_URL: database.url });
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(logged(second.stdout)).toMatchObject({ msg: 'database already up to date', applied: [] });
    expect(await appliedMigrations()).toEqual(recorded);
  });

  it('stops with a line naming DATABASE_URL when it is unset', async () => {
    expect(await migrate({})).toEqual({
      code: 1,
      stdout: '',
      stderr: 'handoff: configuration error: DATABASE_URL is required: db:migrate migrates a PostgreSQL database (the embedded database migrates itself at start-up)\n',
    });
  });

  it('stops with a line naming DATABASE_URL when PostgreSQL is not there', async () => {
    const result = await migrate({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/handoff' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^handoff: PostgreSQL is unreachable or refused the migrations at DATABASE_URL \(.*ECONNREFUSED.*\)\n$/);
  });
});
