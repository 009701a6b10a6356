import { existsSync } from 'node:fs';
import { ConfigError } from './config';

// What Handoff's commands (db:migrate, send-test-alert) share: settings from the environment or a .env file in
// the working directory, and one line per problem a person must fix before the command exits.

export function exitWithProblems(lines: string[]): never {
  for (const line of lines) process.stderr.write(`handoff: ${line}\n`);
  process.exit(1);
}

export function settingsOrExit<T>(parse: (env: NodeJS.ProcessEnv) => T): T {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parse(process.env);
  } catch (err) {
    if (err instanceof ConfigError) exitWithProblems(err.problems.map((p) => `configuration error: ${p}`));
    throw err;
  }
}

// Anything else is a fault in Handoff, reported with its stack.
export function runCommand(what: string, command: () => Promise<void>): void {
  command().catch((err) => {
    process.stderr.write(`handoff: ${what} failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
