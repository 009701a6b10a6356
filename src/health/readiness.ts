import type { Redis } from 'ioredis';
import type { Database } from '../db/client';
import { pingDatabase } from '../db/ping';

export type DependencyState = 'up' | 'down';

export interface Readiness {
  database: DependencyState;
  redis: DependencyState;
}

// An answer later than a probe's own timeout tells the orchestrator nothing, and a silent network would
// otherwise hold the probe for as long as the TCP stack waits.
const CHECK_BOUND_MS = 1000;

async function within(boundMs: number, check: () => Promise<unknown>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => resolve('down'), boundMs);
  });
  const answered = check().then(
    () => 'up' as const,
    () => 'down' as const,
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

export type ReadinessCheck = () => Promise<Readiness>;

// Whether this process can do its work right now: PostgreSQL holds the truth and Redis carries the jobs.
export function readinessCheck(deps: { db: Database; redis: Redis }, boundMs = CHECK_BOUND_MS): ReadinessCheck {
  return async () => {
    const [database, redis] = await Promise.all([within(boundMs, () => pingDatabase(deps.db)), within(boundMs, () => deps.redis.ping())]);
    return { database, redis };
  };
}

export const isReady = (readiness: Readiness): boolean => readiness.database === 'up' && readiness.redis === 'up';
