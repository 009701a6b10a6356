import { findAnswer, rememberAnswer, type StoredAnswer } from '../db/repositories/inbound-deliveries';
import { latestClose, storeRating } from '../db/repositories/ratings';
import { addThreadPost } from '../db/repositories/thread-posts';
import { inTransaction } from '../db/transaction';
import { HandoffError } from '../errors';
import type { RatingRequest } from '../http/schemas/rating';
import type { AccountTenancy } from '../workspaces/tenancy';
import { requestedConversation } from './foreign-conversation';
import type { ReceiveAlertDeps } from './receive-alert';
import { requestWork } from './request-work';

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
  const outcome = await inTransaction(deps.db, async (tx) => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen };
    const conversation = await requestedConversation(tx, deps.logger, tenancy, conversationExternalId);
    const close = await latestClose(tx, conversation.id);
    // Not remembered as this webhook-id's answer either: once the conversation closes, a retry succeeds.
    if (!close) throw new HandoffError('conversation_not_closed', `Conversation ${conversationExternalId} has not been closed yet: rate it after it closes`);
    const { replaced, version } = await storeRating(tx, conversation.id, { score: req.score, comment: req.comment, agentId: close.agentId });
    await addThreadPost(tx, conversation.id, 'notice', { rating: { score: req.score, comment: req.comment, replaced } });
    const answer = { statusCode: 202, body: { conversationId: conversationExternalId, score: req.score, replaced } };
    await rememberAnswer(tx, tenancy.platformId, webhookId, answer);
    return { answer, stored: { conversationId: conversation.id, version } };
  });
  const { stored } = outcome;
  if (stored) {
    await requestWork(deps.logger, [
      () => deps.work.updateRoot(stored.conversationId, stored.version),
      () => deps.work.syncThread(stored.conversationId, `rating-${stored.version}`),
    ]);
  }
  return outcome.answer;
}
