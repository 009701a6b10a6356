import { exitWithProblems, runCommand, settingsOrExit } from './cli';
import { parseMigrationConfig } from './config';
import { createLogger } from './logger';
import { StartupError, migrateDatabase } from './startup-checks';

// `npm run db:migrate`: applies the pending migrations and exits, for deployments that migrate once before
// they roll out web and worker processes. Those still check at start-up, and find nothing left to apply.

runCommand('migration', async () => {
  const { databaseUrl } = settingsOrExit(parseMigrationConfig);
  const applied = await migrateDatabase(databaseUrl).catch((err) => {
    if (err instanceof StartupError) exitWithProblems([err.message]);
    throw err;
  });
  createLogger('info').info({ applied }, applied.length ? 'migrations applied' : 'database already up to date');
});
