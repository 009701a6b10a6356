import { findAnswer, rememberAnswer, type StoredAnswer } from '../db/repositories/inbound-deliveries';
import { offerSuggestion } from '../db/repositories/suggestions';
import { inTransaction } from '../db/transaction';
import type { SuggestionRequest } from '../http/schemas/suggestion';
import type { AccountTenancy } from '../workspaces/tenancy';
import type { ReceiveAlertDeps } from './receive-alert';
import { requestedConversation } from './foreign-conversation';
import { requestWork } from './request-work';

// The AI's newer draft of the next reply: it replaces the one on offer and is shown in the thread. The same
// webhook-id sent again is answered as it was the first time and offers nothing more.
export async function receiveSuggestion(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  conversationExternalId: string,
  req: SuggestionRequest,
): Promise<StoredAnswer> {
  const outcome = await inTransaction(deps.db, async (tx) => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen };
    const conversation = await requestedConversation(tx, deps.logger, tenancy, conversationExternalId);
    const suggestionId = await offerSuggestion(tx, conversation.id, req.text);
    const answer = { statusCode: 202, body: { suggestionId, conversationId: conversationExternalId } };
    await rememberAnswer(tx, tenancy.platformId, webhookId, answer);
    return { answer, conversationId: conversation.id, suggestionId };
  });
  const { conversationId, suggestionId } = outcome;
  if (conversationId) await requestWork(deps.logger, [() => deps.work.syncThread(conversationId, `suggestion-${suggestionId}`)]);
  return outcome.answer;
}
