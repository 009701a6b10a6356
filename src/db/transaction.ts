import type { Database } from './client';
import type { Prisma } from '../generated/prisma/client';
import { isUniqueViolation } from './errors';

export type Tx = Prisma.TransactionClient;

// Thrown inside a transaction when the conversation moved since it was read (optimistic concurrency).
export class VersionConflict extends Error {
  constructor(conversationId: string) {
    super(`conversation ${conversationId} changed while being updated`);
    this.name = 'VersionConflict';
  }
}

function isRaceLost(err: unknown): boolean {
  return isUniqueViolation(err) || err instanceof VersionConflict;
}

// Runs work in one transaction. Two requests racing to create the same row (same conversation,
// same webhook-id) make one hit a unique constraint, and a conversation moved by someone else raises
// VersionConflict; running the work again sees the winner's rows.
export async function inTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // A burst (Slack events are acknowledged before they are handled) can queue many transactions for the
      // pool; waiting longer than Prisma's default 2 s for a connection beats dropping an agent's reply.
      return await db.$transaction(work, { timeout: 15_000, maxWait: 30_000 });
    } catch (err) {
      if (attempt >= attempts || !isRaceLost(err)) throw err;
    }
  }
}
