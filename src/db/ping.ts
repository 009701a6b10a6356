import type { Database } from './client';

// The cheapest statement that proves PostgreSQL answers: a connection from the pool and one round trip.
export async function pingDatabase(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
