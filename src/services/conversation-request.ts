import type { ConversationRow } from '../db/repositories/conversations';
import { findAnswer, rememberAnswer, type StoredAnswer } from '../db/repositories/inbound-deliveries';
import { inTransaction, type Tx } from '../db/transaction';
import type { AccountTenancy } from '../workspaces/tenancy';
import { requestedConversation } from './foreign-conversation';
import type { ReceiveAlertDeps } from './receive-alert';
import { requestWork } from './request-work';

// What a platform request about one conversation stored, the answer it gets, and the work to ask for once
// that is committed.
export interface Handled {
  answer: StoredAnswer;
  work: (() => Promise<void>)[];
}

// A platform request about one of the account's conversations, handled once per webhook-id: what it stores and
// its answer are committed together, and the same webhook-id sent again gets that answer and stores nothing.
export async function handleConversationRequest(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  conversationExternalId: string,
  handle: (tx: Tx, conversation: ConversationRow) => Promise<Handled>,
): Promise<StoredAnswer> {
  const handled = await inTransaction(deps.db, async (tx): Promise<Handled> => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen, work: [] };
    const conversation = await requestedConversation(tx, deps.logger, tenancy, conversationExternalId);
    const outcome = await handle(tx, conversation);
    await rememberAnswer(tx, tenancy.platformId, webhookId, outcome.answer);
    return outcome;
  });
  await requestWork(deps.logger, handled.work);
  return handled.answer;
}
