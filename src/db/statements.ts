import { createHash } from 'node:crypto';
import { types, type QueryResultRow } from 'pg';
import type { Prisma } from '../generated/prisma/client';
import type { Database } from './client';

// The statements of the hot path (an alert taken in, a reply relayed, an event stored and handled, a delivery
// sent), run on the pool Prisma shares with us rather than through Prisma, which costs a statement about twice
// the CPU of the driver alone (a worker's profile showed Prisma's runtime as its largest share). They are
// written as Prisma.sql, like every raw statement here, and read back as $queryRaw reads them, so a statement
// can move either way without its callers noticing.
//
// Each is also a named prepared statement, so PostgreSQL parses and plans it once per connection instead of on
// every call: for our larger statements (a reply stored, an alert's conversation opened) that was most of the
// server's time. Two rules keep that safe: a statement's text must come from a fixed set (no lists spliced in,
// or every length would be prepared anew on every connection), and it names its columns rather than `*`, since
// PostgreSQL refuses to run a prepared statement whose result columns a migration changed. The embedded
// database does without (see db/client.ts).

const TIMESTAMP = 1114;
const INT8 = 20;
const DATE = 1082;

// Our timestamps are `timestamp(3)` holding UTC, as Prisma writes them.
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const parseUtcDate = (text: string) => new Date(`${text}T00:00:00Z`);

const AS_PRISMA_READS = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP) return parseUtcTimestamp;
    if (oid === INT8) return BigInt;
    if (oid === DATE) return parseUtcDate;
    return types.getTypeParser(oid, format);
  },
} as unknown as typeof types;

// As Prisma's adapter sends a time: UTC, without a zone, which a `timestamp` column stores as it is.
function utcWallTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function parameter(value: unknown): unknown {
  if (value instanceof Date) return utcWallTime(value);
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `handoff_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

function run<T extends QueryResultRow>(db: Database, statement: Prisma.Sql) {
  const { text } = statement;
  const values = statement.values.map(parameter);
  return db.pool.query<T>({ ...(db.prepared && { name: nameOf(text) }), text, values, types: AS_PRISMA_READS });
}

export async function queryRows<T>(db: Database, statement: Prisma.Sql): Promise<T[]> {
  return (await run<T & QueryResultRow>(db, statement)).rows;
}

// The number of rows the statement wrote, as $executeRaw returns it.
export async function execute(db: Database, statement: Prisma.Sql): Promise<number> {
  return (await run(db, statement)).rowCount ?? 0;
}
