import type { StoredAnswer } from '../db/repositories/inbound-deliveries';
import { latestClose, storeRating } from '../db/repositories/ratings';
import { addThreadPost } from '../db/repositories/thread-posts';
import { HandoffError } from '../errors';
import type { RatingRequest } from '../http/schemas/rating';
import type { AccountTenancy } from '../workspaces/tenancy';
import { handleConversationRequest } from './conversation-request';
import type { ReceiveAlertDeps } from './receive-alert';

// Stores the customer's rating of a closed conversation, with the thread post that shows it, before the platform
// hears back. A conversation reopened since its close still takes the rating: it rates the help given up to then.
// A second rating replaces the first (the customer changed their mind) and the thread says so.
export async function receiveRating(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  conversationExternalId: string,
  req: RatingRequest,
): Promise<StoredAnswer> {
  return handleConversationRequest(deps, tenancy, webhookId, conversationExternalId, async (tx, conversation) => {
    const close = await latestClose(tx, conversation.id);
    // Not remembered as this webhook-id's answer either: once the conversation closes, a retry succeeds.
    if (!close) throw new HandoffError('conversation_not_closed', `Conversation ${conversationExternalId} has not been closed yet: rate it after it closes`);
    const { replaced, version } = await storeRating(tx, conversation.id, { score: req.score, comment: req.comment, agentId: close.agentId });
    await addThreadPost(tx, conversation.id, 'notice', { rating: { score: req.score, comment: req.comment, replaced } });
    return {
      answer: { statusCode: 202, body: { conversationId: conversationExternalId, score: req.score, replaced } },
      work: [() => deps.work.updateRoot(conversation.id, version), () => deps.work.syncThread(conversation.id, `rating-${version}`)],
    };
  });
}
