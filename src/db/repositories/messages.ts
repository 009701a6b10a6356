import { createHash } from 'node:crypto';
import type { TranscriptLine } from '../../domain/conversation';
import type { RelayState } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';

// Transcript lines carry no id of their own; the same line sent again by a later alert must not repeat.
// Without a time, the position tells two identical lines ("ok", "ok") apart.
function transcriptKey(line: TranscriptLine, position: number): string {
  const digest = createHash('sha256').update(`${line.role}\n${line.at ?? `#${position}`}\n${line.text}`).digest('hex');
  return `transcript:${digest.slice(0, 40)}`;
}

export interface TranscriptRecord {
  role: TranscriptLine['role'];
  text: string;
  externalId: string;
  at: Date;
}

// Lines without a time keep their order by taking the arrival time plus their position.
export function transcriptRecords(lines: TranscriptLine[], receivedAt: Date): TranscriptRecord[] {
  return lines.map((line, i) => ({
    role: line.role,
    text: line.text,
    externalId: transcriptKey(line, i),
    at: line.at ? new Date(line.at) : new Date(receivedAt.getTime() + i),
  }));
}

// Stores the lines not seen before and returns them, in the order given.
export async function addTranscriptLines(tx: Tx, conversationId: string, lines: TranscriptLine[], receivedAt: Date): Promise<TranscriptLine[]> {
  if (lines.length === 0) return [];
  const records = transcriptRecords(lines, receivedAt);
  const created = await tx.message.createManyAndReturn({
    data: records.map((r) => ({ ...r, conversationId })),
    skipDuplicates: true,
    select: { externalId: true },
  });
  const fresh = new Set(created.map((c) => c.externalId));
  return lines.filter((_, i) => fresh.has(records[i]!.externalId));
}

// Replies that reached, are reaching, or may yet reach the customer (a failed one can be retried). Notes and
// replies the relay mode held back never do, so their files are never served, whatever link is presented.
export const SENT_TO_CUSTOMER: RelayState[] = ['pending', 'delivered', 'failed'];

// Whether an agent shared this Slack file with a customer of the workspace in a reply that still stands:
// deleting the reply in Slack withdraws its files too.
export async function isFileSharedWithCustomer(db: Database, workspaceId: string, fileId: string): Promise<boolean> {
  const reply = await db.message.findFirst({
    where: {
      role: 'agent',
      deletedAt: null,
      relayState: { in: SENT_TO_CUSTOMER },
      conversation: { workspaceId },
      attachments: { array_contains: [{ id: fileId }] },
    },
    select: { id: true },
  });
  return reply !== null;
}
