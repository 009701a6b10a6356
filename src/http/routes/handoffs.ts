import { Router } from 'express';
import type { Tenancy } from '../../db/repositories/tenancy';
import { receiveAlert, type ReceiveAlertDeps } from '../../services/receive-alert';
import { parseBody } from '../schemas/common';
import { handoffRequest } from '../schemas/handoff-request';
import { platformRequest } from '../platform-request';

export function handoffRoutes(deps: ReceiveAlertDeps, tenancy: Tenancy, signingSecret: string): Router {
  const router = Router();
  router.post('/api/v1/handoffs', ...platformRequest(signingSecret), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const answer = await receiveAlert(deps, tenancy, webhookId, parseBody(handoffRequest, body));
    res.status(answer.statusCode).json(answer.body);
  });
  return router;
}
