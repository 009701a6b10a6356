import type { Express } from 'express';
import type { HealthRoutes } from '../health/health-routes';
import type { Logger } from '../logger';
import type { ReceiveAlertDeps } from '../services/receive-alert';
import { errorHandler } from './error-handler';
import { customerMessageRoutes } from './routes/customer-messages';
import { fileRoutes, type FileRouteDeps } from './routes/files';
import { handoffRoutes } from './routes/handoffs';
import { installLinkRoutes, type InstallLinkDeps } from './routes/install-links';
import { ratingRoutes } from './routes/ratings';
import { suggestionRoutes } from './routes/suggestions';

export interface HttpDeps extends ReceiveAlertDeps, FileRouteDeps {
  platformSigningSecret: string;
  logger: Logger;
  // Multi-workspace mode only: the platform's accounts connect their Slack through links.
  installLinks: InstallLinkDeps | null;
  health: HealthRoutes;
}

// Adds the bot-platform API, the downloads of files agents share and the health checks next to Bolt's
// /slack/events on the same express app. Each request finds its workspace from its account.
export function mountHttpApi(app: Express, deps: HttpDeps): void {
  for (const [path, route] of Object.entries(deps.health)) app.get(path, route);
  app.use(handoffRoutes(deps, deps.workspaces, deps.platformSigningSecret));
  app.use(customerMessageRoutes(deps, deps.workspaces, deps.platformSigningSecret));
  app.use(ratingRoutes(deps, deps.workspaces, deps.platformSigningSecret));
  app.use(suggestionRoutes(deps, deps.workspaces, deps.platformSigningSecret));
  if (deps.installLinks) app.use(installLinkRoutes(deps.installLinks, deps.platformSigningSecret));
  app.use(fileRoutes(deps));
  app.use(errorHandler(deps.logger));
}
