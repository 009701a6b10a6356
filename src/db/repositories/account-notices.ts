import { randomUUID } from 'node:crypto';
import type { Database } from '../client';
import type { Tx } from '../transaction';

export interface AccountNoticeRow {
  id: string;
  account: string;
  type: string;
  payload: unknown;
  createdAt: Date;
  deliveredAt: Date | null;
}

export async function addAccountNotice(tx: Tx | Database, notice: { account: string; type: string; payload: object }): Promise<string> {
  const id = `notice_${randomUUID()}`;
  await tx.accountNotice.create({ data: { id, ...notice } });
  return id;
}

export function loadAccountNotice(db: Database, id: string): Promise<AccountNoticeRow | null> {
  return db.accountNotice.findUnique({ where: { id } });
}

export async function markAccountNoticeDelivered(db: Database, id: string): Promise<void> {
  await db.accountNotice.update({ where: { id }, data: { deliveredAt: new Date() } });
}

export async function noteAccountNoticeFailure(db: Database, id: string, why: string): Promise<void> {
  await db.accountNotice.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: why } });
}

// Past this many failed attempts (hours of the sweeper asking) a notice stays with its last error for an operator.
const MAX_ATTEMPTS = 50;

export function undeliveredAccountNotices(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.accountNotice.findMany({ where: { deliveredAt: null, attempts: { lt: MAX_ATTEMPTS }, createdAt: { lt: before } }, select: { id: true }, take });
}
