import { exitWithProblems, runCommand, settingsOrExit } from './cli';
import { parseMigrationConfig } from './config';
import { closeDatabase, createDatabase } from './db/client';
import { PurgeRefused, purgeWorkspace } from './services/purge-workspace';

// `npm run purge-workspace -- T0123ABCD`: deletes every conversation an uninstalled workspace left behind
// (alerts, messages, deliveries, thread posts), in one transaction.

runCommand('purging the workspace', async () => {
  const slackTeamId = process.argv[2] ?? '';
  if (!/^[TE][A-Z0-9]{2,}$/.test(slackTeamId)) exitWithProblems(['give the Slack team id of the uninstalled workspace: npm run purge-workspace -- T0123ABCD']);
  const { databaseUrl } = settingsOrExit(parseMigrationConfig);
  const db = createDatabase({ url: databaseUrl, maxConnections: 1 });
  try {
    const { conversations } = await purgeWorkspace(db, slackTeamId);
    process.stdout.write(`handoff: purged ${conversations} conversation(s) of workspace ${slackTeamId}\n`);
  } catch (err) {
    if (err instanceof PurgeRefused) exitWithProblems([err.message]);
    throw err;
  } finally {
    await closeDatabase(db);
  }
});
