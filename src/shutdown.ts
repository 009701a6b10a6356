import type { Logger } from './logger';

// On SIGTERM (or SIGINT) the process stops taking new work, finishes what it has in hand, and exits 0. An
// orchestrator kills it some time after the signal anyway, so it waits at most `timeoutMs` and then exits 1,
// saying so: whatever was cut short is in PostgreSQL, and its job's lock runs out so it is taken again.
// Listening from before start-up ends: a signal meanwhile stops what has started once it has.
export function stopOnSignals(starting: Promise<{ stop(): Promise<void> }>, opts: { timeoutMs: number; logger: Logger }): void {
  const { timeoutMs, logger } = opts;
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal, timeoutMs }, 'stopping: taking no new work and finishing the work in hand');
    const bound = setTimeout(() => {
      logger.error({ timeoutMs }, 'the work in hand did not finish within SHUTDOWN_TIMEOUT_MS; exiting anyway');
      process.exit(1);
    }, timeoutMs);
    starting.then((running) => running.stop()).then(
      () => {
        clearTimeout(bound);
        logger.info('stopped');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
