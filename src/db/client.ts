import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

// Prisma and the hot path's own statements (db/statements.ts) share one pool, so the pool size in the config
// is the number of connections this process holds, whichever way a statement goes.
export type Database = PrismaClient & { readonly pool: Pool; readonly prepared: boolean };

export interface DatabaseOptions {
  url: string;
  // The embedded database serves one connection at a time.
  maxConnections?: number;
  // The embedded database is one session behind its socket: statements prepared on a connection the pool
  // closed are still there when the next connection prepares them again, which it refuses. Off for it.
  prepared?: boolean;
  // An idle connection that PostgreSQL closed (a restart, a failover), which the pool drops; without a
  // listener that report would end the process. The next statement opens a new connection, and fails where
  // its caller can act if PostgreSQL is still away.
  onIdleConnectionLost?: (err: Error) => void;
}

export function createDatabase({ url, maxConnections = 10, prepared = true, onIdleConnectionLost = () => undefined }: DatabaseOptions): Database {
  const pool = new Pool({ connectionString: url, max: maxConnections });
  pool.on('error', onIdleConnectionLost);
  return Object.assign(new PrismaClient({ adapter: new PrismaPg(pool) }), { pool, prepared });
}

// Prisma leaves a pool it was given open, and the hot path may have used it without Prisma ever connecting.
export async function closeDatabase(db: Database): Promise<void> {
  await db.$disconnect();
  await db.pool.end();
}
