import type { Database } from '../../db/client';
import { loadAccountNotice, markAccountNoticeDelivered, noteAccountNoticeFailure } from '../../db/repositories/account-notices';
import { HandoffError } from '../../errors';
import type { Logger } from '../../logger';
import { sendWebhook, type WebhookTarget } from '../../platform/send-webhook';
import type { JobPayload } from '../definitions';

export interface AccountNoticeDeps {
  db: Database;
  logger: Logger;
  target: WebhookTarget | null;
}

// workspace.connected and workspace.disconnected: sent like every event (signed, its id the webhook-id on every
// retry), retried by the job's backoff and then the sweeper until the platform takes it.
export async function sendAccountNotice(deps: AccountNoticeDeps, { noticeId }: JobPayload<'sendAccountNotice'>): Promise<void> {
  const notice = await loadAccountNotice(deps.db, noticeId);
  if (!notice || notice.deliveredAt) return;
  if (!deps.target) {
    deps.logger.warn({ account: notice.account, type: notice.type }, 'CUSTOMER_WEBHOOK_URL is not set: the platform is not told');
    await markAccountNoticeDelivered(deps.db, notice.id);
    return;
  }
  const event = { type: notice.type, account: notice.account, timestamp: new Date().toISOString(), data: notice.payload };
  const outcome = await sendWebhook(deps.target, notice.id, event);
  if (outcome.delivered) {
    await markAccountNoticeDelivered(deps.db, notice.id);
    return;
  }
  await noteAccountNoticeFailure(deps.db, notice.id, outcome.why);
  throw new HandoffError(outcome.retryable ? 'platform_unavailable' : 'platform_rejected', outcome.why);
}
