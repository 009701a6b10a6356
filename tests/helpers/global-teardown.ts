import { Client } from 'pg';
import { sweepLeftovers } from '../faults/helpers/leftovers';
import { ADMIN_DATABASE_URL } from './services';

// Each test file drops its own database and stops its own servers; this catches what a crashed or killed file
// left behind.
export default async function globalTeardown(): Promise<void> {
  sweepLeftovers(String(process.pid));
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`handoff_test_${process.pid}_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
