import type { StoredAnswer } from '../db/repositories/inbound-deliveries';
import type { AccountTenancy } from '../workspaces/tenancy';
import { addThreadPost } from '../db/repositories/thread-posts';
import type { CustomerMessageRequest } from '../http/schemas/customer-message';
import type { ReceiveAlertDeps } from './receive-alert';
import { handleConversationRequest } from './conversation-request';

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
  return handleConversationRequest(deps, tenancy, webhookId, conversationExternalId, async (tx, conversation) => {
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
    return {
      answer: { statusCode: 202, body: { messageId: req.id, conversationId: conversationExternalId } },
      work: count === 1 ? [() => deps.work.syncThread(conversation.id, `message-${req.id}`)] : [],
    };
  });
}
