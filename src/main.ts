import { existsSync } from 'node:fs';
import { ConfigError, noSlackApp, parseConfig } from './config';
import { createAppHint } from './create-app-hint';
import { startHandoff } from './app';
import { createLogger } from './logger';
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
  let running;
  try {
    running = await startHandoff(config, logger);
  } catch (err) {
    if (err instanceof StartupError) fail([err.message]);
    throw err;
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`handoff: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
