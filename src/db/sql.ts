import { Prisma } from '../generated/prisma/client';

// A value as a jsonb parameter of a raw statement.
export const jsonb = (value: unknown): Prisma.Sql => Prisma.sql`${JSON.stringify(value)}::jsonb`;
