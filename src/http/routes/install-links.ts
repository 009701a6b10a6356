import { createHmac } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { createInstallLink, findInstallLink } from '../../db/repositories/install-links';
import { INSTALL_PATH } from '../../slack/oauth/install-routes';
import { platformRequest } from '../platform-request';
import { HandoffError } from '../../errors';
import { accountId, httpUrl, parseBody, pathParam } from '../schemas/common';

export interface InstallLinkDeps {
  db: Database;
  publicUrl: string;
  stateSecret: string;
  ttlSeconds: number;
}

const installLinkRequest = z.object({ returnUrl: httpUrl.optional() }).default({});

// The platform asks for a link for one of its customers to connect their Slack. The link's id comes from the
// request's webhook-id, so a retried request gets the same link back rather than a second one, even once that
// link was used or expired: a retry is answered as the request was.
export function installLinkRoutes(deps: InstallLinkDeps, signingSecret: string): Router {
  const router = Router();
  router.post('/api/v1/accounts/:accountId/install-link', ...platformRequest(signingSecret, { emptyBody: true }), async (req, res) => {
    const { webhookId, body } = req.platform!;
    const account = accountId.safeParse(pathParam('accountId', String(req.params.accountId)));
    if (!account.success) throw new HandoffError('invalid_request', 'Invalid path', [{ path: 'accountId', message: account.error.issues[0]!.message }]);
    const { returnUrl } = parseBody(installLinkRequest, body);
    const id = createHmac('sha256', deps.stateSecret).update(`install-link\0${account.data}\0${webhookId}`).digest('base64url');
    let link = await findInstallLink(deps.db, id);
    if (!link) {
      link = { id, account: account.data, returnUrl: returnUrl ?? null, expiresAt: new Date(Date.now() + deps.ttlSeconds * 1000) };
      await createInstallLink(deps.db, link).catch(async (err) => {
        // The same request twice at once: the first one's link is the answer.
        link = await findInstallLink(deps.db, id);
        if (!link) throw err;
      });
    }
    res.status(201).json({ url: `${deps.publicUrl}${INSTALL_PATH}?link=${encodeURIComponent(id)}`, expiresAt: link.expiresAt.toISOString() });
  });
  return router;
}
