import { Client } from 'pg';
import { applyMigrations, readMigrations } from '../../src/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Conversations stored before customers were records get one per customer id their alerts named.

const CUSTOMERS = '20261204120000_customers';

let database: TestDatabase;
let db: Client;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  const migrations = await readMigrations();
  const before = migrations.filter((m) => m.name < CUSTOMERS);
  await applyMigrations(database.url, before);
  db = new Client({ connectionString: database.url });
  await db.connect();
  const [{ id: workspaceId }] = (await db.query<{ id: string }>(`INSERT INTO "Workspace" (id, "slackTeamId", "alertsChannel") VALUES (gen_random_uuid(), 'T0OLD', 'C0OLD') RETURNING id`)).rows as [{ id: string }];
  const platform = async (name: string) =>
    ((await db.query<{ id: string }>(`INSERT INTO "Platform" (id, "workspaceId", name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [workspaceId, name])).rows[0]!).id;
  const [one, two] = [await platform('acct-one'), await platform('acct-two')];
  const conversation = (platformId: string, externalId: string, customer: object, at: string) =>
    db.query(
      `INSERT INTO "Conversation" (id, "workspaceId", "platformId", "externalId", reason, customer, "slackChannelId", "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'other', $4, 'C0OLD', $5, $5)`,
      [workspaceId, platformId, externalId, JSON.stringify(customer), at],
    );
  await conversation(one, 'c1', { id: 'cus_a', name: 'Ann Old', phone: '+1' }, '2026-01-01T00:00:00Z');
  await conversation(one, 'c2', { id: 'cus_a', name: 'Ann New', email: 'ann@example.com' }, '2026-02-01T00:00:00Z');
  await conversation(two, 'c3', { id: 'cus_a', name: 'Other Account Ann' }, '2026-03-01T00:00:00Z');
  await conversation(one, 'c4', { name: 'No Id' }, '2026-03-01T00:00:00Z');
  await applyMigrations(database.url, migrations);
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

describe('the customers migration', () => {
  it('makes one record per account and customer id, with the newest of each detail and the first and last contact', async () => {
    const { rows } = await db.query(`SELECT p.name AS account, k.name, k.email, k.phone, k."firstSeenAt", k."lastSeenAt" FROM "Customer" k JOIN "Platform" p ON p.id = k."platformId" ORDER BY p.name`);
    expect(rows).toEqual([
      { account: 'acct-one', name: 'Ann New', email: 'ann@example.com', phone: '+1', firstSeenAt: new Date('2026-01-01T00:00:00Z'), lastSeenAt: new Date('2026-02-01T00:00:00Z') },
      expect.objectContaining({ account: 'acct-two', name: 'Other Account Ann', email: null }),
    ]);
  });

  it('keeps every customer\'s tags a list, as the schema says', async () => {
    const { rows } = await db.query(`SELECT is_nullable FROM information_schema.columns WHERE table_name = 'Customer' AND column_name = 'tags'`);
    expect(rows).toEqual([{ is_nullable: 'NO' }]);
    expect((await db.query(`SELECT tags FROM "Customer"`)).rows).toEqual([{ tags: [] }, { tags: [] }]);
  });

  it('links each conversation whose alert named the customer id, and leaves the others unlinked', async () => {
    const { rows } = await db.query(`SELECT c."externalId", k."externalId" AS customer FROM "Conversation" c LEFT JOIN "Customer" k ON k.id = c."customerId" ORDER BY c."externalId"`);
    expect(rows).toEqual([
      { externalId: 'c1', customer: 'cus_a' },
      { externalId: 'c2', customer: 'cus_a' },
      { externalId: 'c3', customer: 'cus_a' },
      { externalId: 'c4', customer: null },
    ]);
  });
});
