import type { Database } from '../client';

// Rows of something Handoff posts to Slack once (an escalation, a direct message), each sent by a job. The
// job holds its row while it posts, so a job the sweeper asked for meanwhile does not post it too.
type PostedOnce = 'Reminder' | 'DirectMessage';

// Long enough for a post that waits its turn in the channel's pace; a worker that died holding a row lets the
// sweeper's next job post it once it runs out.
const LEASE_MS = 120_000;

// False when the row was posted or given up on, or another job holds it.
export async function claimPost(db: Database, table: PostedOnce, id: string, now = new Date()): Promise<boolean> {
  const claimed = await db.$executeRawUnsafe(
    `UPDATE "${table}" SET "leaseUntil" = $2 WHERE id = $1::uuid AND "sentAt" IS NULL AND error IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < $3)`,
    id,
    new Date(now.getTime() + LEASE_MS),
    now,
  );
  return claimed === 1;
}

// A post that failed for now: the job's retry, or the sweeper's, may take the row at once.
export async function releasePost(db: Database, table: PostedOnce, id: string): Promise<void> {
  await db.$executeRawUnsafe(`UPDATE "${table}" SET "leaseUntil" = NULL WHERE id = $1::uuid AND "sentAt" IS NULL`, id);
}
