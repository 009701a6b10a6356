import './wasm-tiers';
import { existsSync } from 'node:fs';
import { ConfigError, noSlackApp, parseConfig } from './config';
import { createAppHint } from './create-app-hint';
import { startHandoff } from './app';
import { createLogger } from './logger';
import { stopOnSignals } from './shutdown';
import { StartupError } from './startup-checks';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`handoff: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail([...err.problems.map((p) => `configuration error: ${p}`), ...(noSlackApp(process.env) ? createAppHint() : [])]);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const starting = startHandoff(config, logger);
  stopOnSignals(starting, { timeoutMs: config.shutdownTimeoutMs, logger });
  try {
    await starting;
  } catch (err) {
    if (err instanceof StartupError) fail([err.message]);
    throw err;
  }
}

main().catch((err) => {
  process.stderr.write(`handoff: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
