import { Client } from 'pg';

// What the app's own database says, read over SQL as an operator would: whether work is still owed, and where a
// lost item got to. Only long-lived columns are read, so the app's internals can change under these tests.

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A server restarting mid-query fails the query as well; unhandled, the event would crash the test.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface PendingWork {
  deliveries: number;
  threadPosts: number;
  rootPosts: number;
}

// Work the app has stored but not finished: while any is left, more can still reach Slack or the platform.
export async function pendingWork(url: string): Promise<PendingWork> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ deliveries: string; thread_posts: string; root_posts: string }>(`
      SELECT
        (SELECT count(*) FROM "OutboundDelivery" WHERE state::text IN ('pending', 'sending')) AS deliveries,
        (SELECT count(*) FROM "ThreadPost" WHERE "slackTs" IS NULL) AS thread_posts,
        (SELECT count(*) FROM "Conversation" WHERE "slackThreadTs" IS NULL) AS root_posts`);
    const row = rows[0]!;
    return { deliveries: Number(row.deliveries), threadPosts: Number(row.thread_posts), rootPosts: Number(row.root_posts) };
  });
}

export function isSettled(work: PendingWork): boolean {
  return work.deliveries === 0 && work.threadPosts === 0 && work.rootPosts === 0;
}

// Where each lost item is in the database, keyed as asked: an agent reply by its Slack ts, a customer message
// by its platform id, an alert by its conversation id.
export interface LostItems {
  replyTs: string[];
  customerMessageIds: string[];
  conversationIds: string[];
}

export async function whereAreThey(url: string, lost: LostItems): Promise<Map<string, string>> {
  return withClient(url, async (client) => {
    const found = new Map<string, string>();
    const replies = await client.query<{ key: string; relay: string; state: string | null; attempts: number | null; error: string | null }>(
      `SELECT m."slackTs" AS key, m."relayState"::text AS relay, d.state::text AS state, d.attempts, d."lastError" AS error
       FROM "Message" m LEFT JOIN "OutboundDelivery" d ON d."messageId" = m.id AND d.type = 'agent.message'
       WHERE m."slackTs" = ANY($1)`,
      [lost.replyTs],
    );
    for (const r of replies.rows) {
      const delivery = r.state ? `delivery ${r.state} after ${r.attempts} attempts${r.error ? ` (${r.error})` : ''}` : 'no delivery';
      found.set(r.key, `stored, relay ${r.relay}, ${delivery}`);
    }
    const messages = await client.query<{ key: string; posted: boolean | null }>(
      `SELECT m."externalId" AS key, bool_or(p."slackTs" IS NOT NULL) AS posted
       FROM "Message" m LEFT JOIN "ThreadPost" p
         ON p."conversationId" = m."conversationId" AND p.kind = 'customer_message' AND p.body->>'messageId' = m."externalId"
       WHERE m."externalId" = ANY($1) GROUP BY m."externalId"`,
      [lost.customerMessageIds],
    );
    for (const m of messages.rows) found.set(m.key, `stored, thread post ${m.posted === null ? 'missing' : m.posted ? 'marked posted' : 'not posted'}`);
    const conversations = await client.query<{ key: string; ts: string | null }>(
      `SELECT "externalId" AS key, "slackThreadTs" AS ts FROM "Conversation" WHERE "externalId" = ANY($1)`,
      [lost.conversationIds],
    );
    for (const c of conversations.rows) found.set(c.key, `stored, root ${c.ts ? `marked posted as ${c.ts}` : 'not posted'}`);
    return found;
  });
}
