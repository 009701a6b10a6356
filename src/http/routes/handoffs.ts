import { Router } from 'express';
import type { AccountTenancy } from '../../workspaces/tenancy';
import { receiveAlert, type ReceiveAlertDeps } from '../../services/receive-alert';
import { parseBody } from '../schemas/common';
import { handoffRequest } from '../schemas/handoff-request';
import { platformRequest } from '../platform-request';

// Where a platform request belongs: the account it names, or the one workspace.
export interface AccountDirectory {
  ofAccount(account: string | undefined): Promise<AccountTenancy>;
}

export function handoffRoutes(deps: ReceiveAlertDeps, accounts: AccountDirectory, signingSecret: string): Router {
  const router = Router();
  router.post('/api/v1/handoffs', ...platformRequest(signingSecret), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const alert = parseBody(handoffRequest, body);
    const answer = await receiveAlert(deps, await accounts.ofAccount(alert.account), webhookId, alert);
    res.status(answer.statusCode).json(answer.body);
  });
  return router;
}
