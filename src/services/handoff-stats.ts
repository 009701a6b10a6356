import type { Database } from '../db/client';
import { handoffStats, type HandoffStats } from '../db/repositories/handoff-stats';
import { periodStart, type StatsPeriod } from '../domain/handoff-command';
import type { Tenancy } from '../workspaces/tenancy';

export interface PeriodStats extends HandoffStats {
  period: StatsPeriod;
  since: Date;
}

export async function statsOf(db: Database, tenancy: Tenancy, period: StatsPeriod, now: Date): Promise<PeriodStats> {
  const since = periodStart(period, now);
  return { ...(await handoffStats(db, tenancy.workspaceId, since)), period, since };
}
