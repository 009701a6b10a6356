import type { Express } from 'express';
import type { Tenancy } from '../db/repositories/tenancy';
import type { Logger } from '../logger';
import type { ReceiveAlertDeps } from '../services/receive-alert';
import { errorHandler } from './error-handler';
import { customerMessageRoutes } from './routes/customer-messages';
import { fileRoutes, type FileRouteDeps } from './routes/files';
import { handoffRoutes } from './routes/handoffs';

export interface HttpDeps extends ReceiveAlertDeps, FileRouteDeps {
  tenancy: Tenancy;
  platformSigningSecret: string;
  logger: Logger;
}

// Adds the bot-platform API, the downloads of files agents share and the health check next to Bolt's
// /slack/events on the same express app.
export function mountHttpApi(app: Express, deps: HttpDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(handoffRoutes(deps, deps.tenancy, deps.platformSigningSecret));
  app.use(customerMessageRoutes(deps, deps.tenancy, deps.platformSigningSecret));
  app.use(fileRoutes(deps));
  app.use(errorHandler(deps.logger));
}
