import { Router } from 'express';
import type { ReceiveAlertDeps } from '../../services/receive-alert';
import { receiveCustomerMessage } from '../../services/receive-customer-message';
import { parseBody, pathParam } from '../schemas/common';
import { customerMessageRequest } from '../schemas/customer-message';
import { platformRequest } from '../platform-request';
import type { AccountDirectory } from './handoffs';

export function customerMessageRoutes(deps: ReceiveAlertDeps, accounts: AccountDirectory, signingSecret: string): Router {
  const router = Router();
  router.post('/api/v1/conversations/:conversationId/messages', ...platformRequest(signingSecret), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const conversationId = pathParam('conversationId', String(req.params.conversationId));
    const message = parseBody(customerMessageRequest, body);
    const answer = await receiveCustomerMessage(deps, await accounts.ofAccount(message.account), webhookId, conversationId, message);
    res.status(answer.statusCode).json(answer.body);
  });
  return router;
}
