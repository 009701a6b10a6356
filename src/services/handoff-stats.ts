import type { Database } from '../db/client';
import { handoffStats, type HandoffStats } from '../db/repositories/handoff-stats';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { teamTimeZone } from '../domain/business-hours';
import { periodStart, type StatsPeriod } from '../domain/handoff-command';
import type { Tenancy } from '../workspaces/tenancy';

export interface PeriodStats extends HandoffStats {
  period: StatsPeriod;
  since: Date;
  // The zone "today" began in, said with the answer so nobody takes it for their own.
  timeZone: string;
}

export async function statsOf(db: Database, tenancy: Tenancy, period: StatsPeriod, now: Date): Promise<PeriodStats> {
  const timeZone = teamTimeZone(await loadWorkspaceSettings(db, tenancy.workspaceId));
  const since = periodStart(period, now, timeZone);
  return { ...(await handoffStats(db, tenancy.workspaceId, since)), period, since, timeZone };
}
