import { InstallProvider, type CodedError, type Installation } from '@slack/oauth';
import { Router, type Response } from 'express';
import type { ServerResponse } from 'node:http';
import type { ManyWorkspaces } from '../../config';
import type { Database } from '../../db/client';
import { findOpenInstallLink } from '../../db/repositories/install-links';
import type { Logger } from '../../logger';
import type { ConnectionDeps } from '../../services/workspace-connections';
import { INSTALL_SCOPES } from '../scopes';
import { connectedPage, installFailedPage } from './install-pages';
import { LinkStateStore, type LinkMetadata } from './link-state-store';
import { WorkspaceInstallationStore } from './workspace-installation-store';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallRouteDeps {
  db: Database;
  connections: ConnectionDeps;
  oauth: ManyWorkspaces;
  apiUrl?: string;
  publicUrl: string;
  logger: Logger;
}

function send(res: Response | ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

// "Add to Slack" for one account: its install link (made by POST /api/v1/accounts/{id}/install-link) sets the
// state cookie and sends the installer to Slack's consent screen; Slack sends them back to the redirect, where
// Bolt's InstallProvider checks the state against that cookie and exchanges the code with oauth.v2.access.
export function installRoutes(deps: InstallRouteDeps): Router {
  const redirectUri = `${deps.publicUrl}${REDIRECT_PATH}`;
  const installer = new InstallProvider({
    clientId: deps.oauth.clientId,
    clientSecret: deps.oauth.clientSecret,
    stateStore: new LinkStateStore(deps.db, deps.oauth.stateSecret),
    installationStore: new WorkspaceInstallationStore(deps.db, deps.connections),
    directInstall: true,
    installUrlOptions: { scopes: INSTALL_SCOPES, redirectUri },
    clientOptions: deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {},
    logger: quiet(deps.logger),
  });
  const router = Router();
  router.get(INSTALL_PATH, async (req, res) => {
    const id = typeof req.query.link === 'string' ? req.query.link : '';
    const link = id ? await findOpenInstallLink(deps.db, id, new Date()) : null;
    if (!link) {
      send(res, 410, installFailedPage('This install link has expired or has been used already.'));
      return;
    }
    const metadata: LinkMetadata = { linkId: link.id };
    await installer.handleInstallPath(req, res, undefined, { scopes: INSTALL_SCOPES, redirectUri, metadata: JSON.stringify(metadata) });
  });
  router.get(REDIRECT_PATH, async (req, res) => {
    await installer.handleCallback(req, res, {
      successAsync: async (installation: Installation, options) => {
        const link = JSON.parse(options.metadata ?? '{}') as LinkMetadata;
        const alertsChannel = installation.incomingWebhook?.channel ?? installation.incomingWebhook?.channelId ?? '';
        send(res, 200, connectedPage({ teamName: installation.team?.name ?? null, alertsChannel, returnUrl: link.returnUrl ?? null }));
      },
      failureAsync: async (error: CodedError) => {
        deps.logger.warn({ code: error.code, why: error.message }, 'a Slack install did not complete');
        send(res, 400, installFailedPage(failureReason(error)));
      },
    });
  });
  return router;
}

function failureReason(error: CodedError): string {
  if (error.code === 'slack_oauth_invalid_state') return 'This install link has expired, has been used already, or was opened in another browser.';
  if (error.code === 'slack_oauth_installer_authorization_error') return 'The install was cancelled on Slack\u2019s consent screen.';
  return 'Slack did not complete the install.';
}

// InstallProvider logs through its own logger; ours gets only what an operator needs, never the tokens.
function quiet(logger: Logger) {
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => logger.warn({ oauth: msg.map(String).join(' ') }, 'Slack install'),
    error: (...msg: unknown[]) => logger.warn({ oauth: msg.map(String).join(' ') }, 'Slack install'),
    setLevel: () => {},
    getLevel: () => 'warn' as never,
    setName: () => {},
  };
}
