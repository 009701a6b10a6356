import { dataErrorReason, isUniqueViolation } from '../../src/db/errors';
import { execute, queryRows } from '../../src/db/statements';
import { Prisma } from '../../src/generated/prisma/client';
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
