import type { StoredAnswer } from '../db/repositories/inbound-deliveries';
import { offerSuggestion } from '../db/repositories/suggestions';
import type { SuggestionRequest } from '../http/schemas/suggestion';
import type { AccountTenancy } from '../workspaces/tenancy';
import type { ReceiveAlertDeps } from './receive-alert';
import { handleConversationRequest } from './conversation-request';

// The AI's newer draft of the next reply: it replaces the one on offer and is shown in the thread. The same
// webhook-id sent again is answered as it was the first time and offers nothing more.
export async function receiveSuggestion(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  conversationExternalId: string,
  req: SuggestionRequest,
): Promise<StoredAnswer> {
  return handleConversationRequest(deps, tenancy, webhookId, conversationExternalId, async (tx, conversation) => {
    const suggestionId = await offerSuggestion(tx, conversation.id, req.text);
    return {
      answer: { statusCode: 202, body: { suggestionId, conversationId: conversationExternalId } },
      work: [() => deps.work.syncThread(conversation.id, `suggestion-${suggestionId}`)],
    };
  });
}
