import type { Logger } from '../logger';

// Called after a transaction committed. The data is already safe in PostgreSQL, so a queue that is
// unreachable must not turn an accepted request into an error: the sweeper finds the work and asks again.
export async function requestWork(logger: Logger, requests: (() => Promise<void>)[]): Promise<void> {
  for (const request of requests) {
    try {
      await request();
    } catch (err) {
      logger.warn({ err }, 'queue unreachable; the sweeper will pick this work up');
    }
  }
}
