import { dataErrorReason, isUniqueViolation } from '../../src/db/errors';
import { execute, queryRows } from '../../src/db/statements';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Prisma } from '../../src/generated/prisma/client';
import { assertBuilt } from '../helpers/handoff-process';
import { databaseOfTheFile } from '../helpers/test-database';

// The hot path's statements run on the pool under Prisma: what they write and read must be what Prisma writes
// and reads, so a statement can move between the two without its callers noticing, and their errors must be
// recognised as Prisma's are.

const file = databaseOfTheFile();

const select = (sql: Prisma.Sql) => ({ prisma: file.db.$queryRaw<Record<string, unknown>[]>(sql), statement: queryRows<Record<string, unknown>>(file.db, sql) });

async function bothRead(sql: Prisma.Sql): Promise<[Record<string, unknown>, Record<string, unknown>]> {
  const { prisma, statement } = select(sql);
  return [(await prisma)[0]!, (await statement)[0]!];
}

describe('statements run on the pool under Prisma', () => {
  it('read times, counts, dates, JSON and arrays as $queryRaw reads them', async () => {
    const at = new Date('2026-03-01T12:34:56.789Z');
    const [viaPrisma, viaStatement] = await bothRead(Prisma.sql`
      SELECT ${at}::timestamp(3) AS "plain", ${at}::timestamptz AS "zoned", count(*) AS "count", DATE '2026-03-01' AS "day",
        '{"a":[1,"x"]}'::jsonb AS "json", ARRAY['a','b']::text[] AS "texts", 7::int AS "small", true AS "yes", NULL::text AS "none",
        gen_random_uuid() IS NOT NULL AS "uuid"`);
    expect(viaStatement).toEqual(viaPrisma);
    expect(viaStatement.plain).toEqual(at);
    expect(viaStatement.count).toBe(1n);
  });

  it('write a time that Prisma reads back as the same moment, and the other way round', async () => {
    const workspace = await file.db.workspace.create({ data: { slackTeamId: 'T0STATEMENTS', alertsChannel: 'C0ALERTS' } });
    const at = new Date('2026-07-04T23:59:58.001Z');
    await execute(file.db, Prisma.sql`UPDATE "Workspace" SET "installedAt" = ${at} WHERE id = ${workspace.id}::uuid`);
    expect((await file.db.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).installedAt).toEqual(at);

    const later = new Date('2027-01-01T00:00:00.000Z');
    await file.db.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt: later } });
    const [row] = await queryRows<{ uninstalledAt: Date }>(file.db, Prisma.sql`SELECT "uninstalledAt" FROM "Workspace" WHERE id = ${workspace.id}::uuid`);
    expect(row!.uninstalledAt).toEqual(later);
  });

  it('count the rows a statement wrote', async () => {
    await file.db.workspace.create({ data: { slackTeamId: 'T0COUNTED', alertsChannel: 'C0ALERTS' } });
    expect(await execute(file.db, Prisma.sql`UPDATE "Workspace" SET "teamName" = 'Counted' WHERE "slackTeamId" = ${'T0COUNTED'}`)).toBe(1);
    expect(await execute(file.db, Prisma.sql`UPDATE "Workspace" SET "teamName" = 'Nobody' WHERE "slackTeamId" = ${'T0NOBODY'}`)).toBe(0);
  });

  it('fail with errors that are recognised as the same key stored twice, or a value the database refuses', async () => {
    const insert = Prisma.sql`INSERT INTO "Workspace" (id, "slackTeamId", "alertsChannel") VALUES (gen_random_uuid(), ${'T0TWICE'}, 'C0ALERTS')`;
    await execute(file.db, insert);
    const twice = await execute(file.db, insert).catch((err: unknown) => err);
    expect(isUniqueViolation(twice)).toBe(true);
    expect(dataErrorReason(twice)).toBeNull();

    const refused = await execute(file.db, Prisma.sql`UPDATE "Workspace" SET "teamName" = ${'a\u0000b'}`).catch((err: unknown) => err);
    expect(dataErrorReason(refused)).toMatch(/invalid byte sequence/);
    expect(isUniqueViolation(refused)).toBe(false);
  });
});

// PGlite loads its WebAssembly with import(), which jest's sandbox refuses: the built code runs in a process
// of its own, runs one statement, lets the pool drop its connection as it does an idle one, and runs it again.
const REPO_ROOT = path.resolve(__dirname, '../..');
const TWICE_SCRIPT = `
const dist = (m) => require(process.argv[1] + '/dist/' + m);
const { startEmbeddedDatabase } = dist('db/embedded.js');
const { closeDatabase, createDatabase } = dist('db/client.js');
const { queryRows } = dist('db/statements.js');
const { Prisma } = dist('generated/prisma/client.js');
(async () => {
  const embedded = await startEmbeddedDatabase(process.argv[2]);
  const db = createDatabase({ url: embedded.url, maxConnections: 1, prepared: process.argv[3] === 'prepared' });
  const statement = Prisma.sql\`SELECT \${'still here'}::text AS said\`;
  const run = () => queryRows(db, statement).then((rows) => rows[0].said, (err) => err.code ?? err.message);
  const first = await run();
  (await db.pool.connect()).release(true);
  // The socket server takes its one connection back a moment after the client let go: until then a new one
  // is cut off at once, whatever it sends.
  let second;
  for (let tries = 0; tries < 50; tries++) {
    second = await run();
    if (second !== 'Connection terminated unexpectedly') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await closeDatabase(db);
  await embedded.stop();
  process.stdout.write(JSON.stringify([first, second]));
})();`;

async function twiceOnEmbedded(prepared: boolean): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'handoff-statements-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', TWICE_SCRIPT, REPO_ROOT, dir, prepared ? 'prepared' : 'unprepared'], { timeout: 60_000 });
    return JSON.parse(stdout) as string[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('statements on the embedded database', () => {
  beforeAll(() => assertBuilt());

  it('are not prepared there, so they run again on the next connection', async () => {
    expect(await twiceOnEmbedded(false)).toEqual(['still here', 'still here']);
  }, 90_000);

  it('would be refused on the next connection if they were, since its one session keeps them', async () => {
    expect(await twiceOnEmbedded(true)).toEqual(['still here', '42P05']);
  }, 90_000);
});
