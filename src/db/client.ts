import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

// Prisma and the hot path's own statements (db/statements.ts) share one pool, so the pool size in the config
// is the number of connections this process holds, whichever way a statement goes.
export type Database = PrismaClient & { readonly pool: Pool };

export interface DatabaseOptions {
  url: string;
  // The embedded database serves one connection at a time.
  maxConnections?: number;
}

export function createDatabase({ url, maxConnections = 10 }: DatabaseOptions): Database {
  const pool = new Pool({ connectionString: url, max: maxConnections });
  // An idle connection that PostgreSQL closed (a restart, a failover) is dropped by the pool, which reports it
  // here; without a listener that report would end the process. The next statement opens a new connection,
  // and fails where its caller can act if PostgreSQL is still away.
  pool.on('error', () => undefined);
  return Object.assign(new PrismaClient({ adapter: new PrismaPg(pool) }), { pool });
}

// Prisma leaves a pool it was given open, and the hot path may have used it without Prisma ever connecting.
export async function closeDatabase(db: Database): Promise<void> {
  await db.$disconnect();
  await db.pool.end();
}
