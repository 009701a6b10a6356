import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Database = PrismaClient;

export interface DatabaseOptions {
  url: string;
  // The embedded database serves one connection at a time.
  maxConnections?: number;
}

export function createDatabase({ url, maxConnections = 10 }: DatabaseOptions): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: maxConnections }) });
}
