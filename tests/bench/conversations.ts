import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { runConcurrently } from './concurrency';

export interface BenchConversation {
  // Handoff's id, carried in button values.
  id: string;
  // The platform's id, carried in every delivery.
  externalId: string;
  rootTs: string;
}

// Raises `count` alerts and waits until every one is posted, so a section measures only its own work.
// Each conversation its own customer, as on a platform with many: alerts of one customer all update its one
// record, so a bench of a single customer would measure them waiting on each other.
export function benchAlert(conversationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = alertBody({ conversationId, ...overrides });
  return { ...body, customer: { ...(body.customer as object), id: `cus_${conversationId}` } };
}

export async function openConversations(h: Harness, prefix: string, count: number): Promise<BenchConversation[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
  await runConcurrently(ids.length, 16, async (i) => {
    const res = await h.platformRequest('/api/v1/handoffs', benchAlert(ids[i]!, { transcript: [] }));
    if (res.status !== 202) throw new Error(`alert answered ${res.status}`);
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = await h.app.db.conversation.findMany({ where: { externalId: { in: ids } }, select: { id: true, externalId: true, slackThreadTs: true } });
    const posted = rows.filter((r) => r.slackThreadTs).map((r) => ({ id: r.id, externalId: r.externalId, rootTs: r.slackThreadTs! }));
    if (posted.length === ids.length) return posted;
    if (Date.now() > deadline) throw new Error('alerts were not posted in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
