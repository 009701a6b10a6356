import { exitWithProblems, loadDotEnv } from './cli';
import { ConfigError, parseMigrationConfig } from './config';
import { createLogger } from './logger';
import { StartupError, migrateDatabase } from './startup-checks';

// `npm run db:migrate`: applies the pending migrations and exits, for deployments that migrate once before
// they roll out web and worker processes. Those still check at start-up, and find nothing left to apply.

async function main(): Promise<void> {
  loadDotEnv();
  let databaseUrl;
  try {
    ({ databaseUrl } = parseMigrationConfig(process.env));
  } catch (err) {
    if (err instanceof ConfigError) exitWithProblems(err.problems.map((p) => `configuration error: ${p}`));
    throw err;
  }
  const applied = await migrateDatabase(databaseUrl).catch((err) => {
    if (err instanceof StartupError) exitWithProblems([err.message]);
    throw err;
  });
  createLogger('info').info({ applied }, applied.length ? 'migrations applied' : 'database already up to date');
}

main().catch((err) => {
  process.stderr.write(`handoff: migration failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
