import { Router } from 'express';
import type { z } from 'zod';
import type { StoredAnswer } from '../../db/repositories/inbound-deliveries';
import type { AccountTenancy } from '../../workspaces/tenancy';
import { parseBody, pathParam } from '../schemas/common';
import { platformRequest } from '../platform-request';
import type { AccountDirectory } from './handoffs';

type Receive<T> = (tenancy: AccountTenancy, webhookId: string, conversationId: string, body: T) => Promise<StoredAnswer>;

// A signed platform request about one conversation (`/api/v1/conversations/{conversationId}/<what>`): verified,
// parsed, found in its account's workspace, then answered with what the service stored for its webhook-id.
export function conversationRequest<S extends z.ZodType<{ account?: string }>>(
  what: string,
  schema: S,
  accounts: AccountDirectory,
  signingSecret: string,
  receive: Receive<z.infer<S>>,
): Router {
  const router = Router();
  router.post(`/api/v1/conversations/:conversationId/${what}`, ...platformRequest(signingSecret), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const conversationId = pathParam('conversationId', String(req.params.conversationId));
    const parsed = parseBody(schema, body);
    const answer = await receive(await accounts.ofAccount(parsed.account), webhookId, conversationId, parsed);
    res.status(answer.statusCode).json(answer.body);
  });
  return router;
}
