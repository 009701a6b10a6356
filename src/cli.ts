import { existsSync } from 'node:fs';

// What Handoff's commands share: settings may come from a .env file in the working directory, and a problem a
// person must fix is printed as one line each before the command exits.

export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

export function exitWithProblems(lines: string[]): never {
  for (const line of lines) process.stderr.write(`handoff: ${line}\n`);
  process.exit(1);
}
