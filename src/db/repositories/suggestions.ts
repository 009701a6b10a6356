import { Prisma, type Suggestion, type SuggestionState } from '../../generated/prisma/client';
import type { Database } from '../client';
import type { Tx } from '../transaction';
import { addThreadPost } from './thread-posts';

export type SuggestionRow = Suggestion;

// A new draft from the AI: the one on offer before it is replaced (its post then says so), and the new one
// is owed to the thread. The conversation's row is locked first, so two drafts arriving together leave one on
// offer, the later.
export async function offerSuggestion(tx: Tx, conversationId: string, text: string): Promise<string> {
  await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
  await tx.suggestion.updateMany({ where: { conversationId, state: 'offered' }, data: { state: 'replaced', changedAt: new Date() } });
  const suggestion = await tx.suggestion.create({ data: { conversationId, text } });
  await addThreadPost(tx, conversationId, 'suggestion', { suggestionId: suggestion.id, text });
  return suggestion.id;
}

// Sends it at most once: only the first of any number of presses, on any replica, moves it from offered.
export async function claimSuggestion(tx: Tx, id: string, conversationId: string, sentBy: string): Promise<boolean> {
  const { count } = await tx.suggestion.updateMany({
    where: { id, conversationId, state: 'offered' },
    data: { state: 'sent', sentBy, sentAt: new Date(), changedAt: new Date() },
  });
  return count === 1;
}

export function findSuggestion(db: Database, id: string): Promise<SuggestionRow | null> {
  return db.suggestion.findUnique({ where: { id } });
}

// A post in Slack that shows an older state than its suggestion's (it was sent or replaced since).
export const SHOWN_STALE = Prisma.sql`"slackTs" IS NOT NULL AND "shownState" IS DISTINCT FROM state`;

export function suggestionsShownStale(db: Database, conversationId: string): Promise<SuggestionRow[]> {
  return db.$queryRaw<SuggestionRow[]>`
    SELECT * FROM "Suggestion" WHERE "conversationId" = ${conversationId}::uuid AND ${SHOWN_STALE} ORDER BY "createdAt"`;
}

export async function recordSuggestionShown(db: Database, id: string, shown: { slackTs?: string; state: SuggestionState }): Promise<void> {
  await db.suggestion.update({ where: { id }, data: { ...(shown.slackTs ? { slackTs: shown.slackTs } : {}), shownState: shown.state } });
}

// Conversations whose thread still shows a suggestion as it was before it was sent or replaced, a while ago:
// the job that should have updated it was lost.
export function conversationsWithStaleSuggestions(db: Database, before: Date, take: number): Promise<{ id: string }[]> {
  return db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "conversationId"::text AS id FROM "Suggestion"
    WHERE "slackTs" IS NOT NULL AND "shownState" IS DISTINCT FROM state AND "changedAt" < ${before}
    LIMIT ${take}`;
}
