import { Router } from 'express';
import type { Tenancy } from '../../db/repositories/tenancy';
import type { ReceiveAlertDeps } from '../../services/receive-alert';
import { receiveCustomerMessage } from '../../services/receive-customer-message';
import { parseBody, pathParam } from '../schemas/common';
import { customerMessageRequest } from '../schemas/customer-message';
import { platformRequest } from '../platform-request';

export function customerMessageRoutes(deps: ReceiveAlertDeps, tenancy: Tenancy, signingSecret: string): Router {
  const router = Router();
  router.post('/api/v1/conversations/:conversationId/messages', ...platformRequest(signingSecret), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const conversationId = pathParam('conversationId', String(req.params.conversationId));
    const answer = await receiveCustomerMessage(deps, tenancy, webhookId, conversationId, parseBody(customerMessageRequest, body));
    res.status(answer.statusCode).json(answer.body);
  });
  return router;
}
