import type { Database } from '../client';
import type { Tx } from '../transaction';

// Slack retries an event it thinks we missed; the receipt makes the second delivery a no-op.
export async function firstTimeSeen(db: Database | Tx, eventId: string): Promise<boolean> {
  const { count } = await db.slackEventReceipt.createMany({ data: [{ eventId }], skipDuplicates: true });
  return count === 1;
}
