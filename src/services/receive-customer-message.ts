import { findAnswer, rememberAnswer, type StoredAnswer } from '../db/repositories/inbound-deliveries';
import type { AccountTenancy } from '../workspaces/tenancy';
import { addThreadPost } from '../db/repositories/thread-posts';
import { inTransaction } from '../db/transaction';
import type { CustomerMessageRequest } from '../http/schemas/customer-message';
import type { ReceiveAlertDeps } from './receive-alert';
import { requestedConversation } from './foreign-conversation';
import { requestWork } from './request-work';

// Stores what the customer wrote and asks for it to be mirrored into the conversation's thread.
// The platform's message id is unique per conversation, so the same message sent twice is posted once.
export async function receiveCustomerMessage(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  conversationExternalId: string,
  req: CustomerMessageRequest,
): Promise<StoredAnswer> {
  const receivedAt = new Date();
  const outcome = await inTransaction(deps.db, async (tx) => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen };
    const conversation = await requestedConversation(tx, deps.logger, tenancy, conversationExternalId);
    const at = req.at ? new Date(req.at) : receivedAt;
    const { count } = await tx.message.createMany({
      data: [{ conversationId: conversation.id, role: 'customer', externalId: req.id, text: req.text, attachments: req.attachments, at }],
      skipDuplicates: true,
    });
    if (count === 1) {
      await addThreadPost(tx, conversation.id, 'customer_message', {
        messageId: req.id,
        text: req.text,
        attachments: req.attachments,
        at: at.toISOString(),
      });
    }
    const answer = { statusCode: 202, body: { messageId: req.id, conversationId: conversationExternalId } };
    await rememberAnswer(tx, tenancy.platformId, webhookId, answer);
    return { answer, conversationId: count === 1 ? conversation.id : undefined };
  });
  const { conversationId } = outcome;
  if (conversationId) await requestWork(deps.logger, [() => deps.work.syncThread(conversationId, `message-${req.id}`)]);
  return outcome.answer;
}
