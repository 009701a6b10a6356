import { DatabaseError } from 'pg';
import { Prisma } from '../generated/prisma/client';

// SQLSTATE class 22, "data exception": the value itself cannot be stored (a NUL in text, a value too long,
// input that is not a number or a uuid, a number out of range). The same request fails the same way every
// time, so it is for the sender to fix, not for us to retry.
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
// Prisma's own codes for those problems, when it finds one before PostgreSQL does.
const PRISMA_DATA_ERRORS = new Set(['P2000', 'P2006', 'P2007', 'P2020', 'P2033']);

interface DriverAdapterCause {
  originalCode?: unknown;
  originalMessage?: unknown;
}

const UNIQUE_VIOLATION = '23505';

function causeOf(err: Prisma.PrismaClientKnownRequestError): DriverAdapterCause | undefined {
  return (err.meta?.driverAdapterError as { cause?: DriverAdapterCause } | undefined)?.cause;
}

// Another request stored the same key first. Prisma names it P2002 for its own queries; a raw statement
// fails as P2010 with PostgreSQL's code underneath, and one of db/statements.ts with the driver's error.
export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof DatabaseError) return err.code === UNIQUE_VIOLATION;
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return err.code === 'P2002' || causeOf(err)?.originalCode === UNIQUE_VIOLATION;
}

// Why the database refused a value, in PostgreSQL's words where it gave them, or null when `err` is not a data
// error. Prisma's own message is not passed on: it quotes the query and our source.
export function dataErrorReason(err: unknown): string | null {
  if (err instanceof DatabaseError) return err.code && DATA_EXCEPTION.test(err.code) ? err.message : null;
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = causeOf(err);
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
  const isData = sqlState === undefined ? PRISMA_DATA_ERRORS.has(err.code) : DATA_EXCEPTION.test(sqlState);
  if (!isData) return null;
  return typeof cause?.originalMessage === 'string' ? cause.originalMessage : 'a value does not fit the field it is stored in';
}
