import { WebClient } from '@slack/web-api';
import type { Database } from '../db/client';
import { findBotToken, rotateBotToken, type BotToken } from '../db/repositories/installations';
import { HandoffError } from '../errors';
import { Remembered } from '../slack/remembered';

// Where a workspace's bot token comes from: the environment (one workspace) or its installation row.
export interface BotTokens {
  tokenFor(workspaceId: string): Promise<string>;
  // Forgets what this replica remembers of the workspace's token (it was revoked or rotated).
  forget(workspaceId: string): void;
}

export class EnvironmentToken implements BotTokens {
  constructor(private readonly token: string) {}

  async tokenFor(): Promise<string> {
    return this.token;
  }

  forget(): void {}
}

// Slack's rotating tokens last 12 hours; one is refreshed once it has less than this left, as Bolt does.
const REFRESH_AHEAD_MS = 2 * 60 * 60_000;
// A token read from the row serves this long before the row is read again.
const FRESH_FOR_MS = 30_000;

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
}

export class InstalledTokens implements BotTokens {
  private readonly known = new Remembered<BotToken>(FRESH_FOR_MS);
  private readonly oauth: WebClient;

  constructor(
    private readonly db: Database,
    private readonly app: OAuthApp,
  ) {
    this.oauth = new WebClient(undefined, { ...(app.apiUrl ? { slackApiUrl: app.apiUrl } : {}), retryConfig: { retries: 1 } });
  }

  async tokenFor(workspaceId: string): Promise<string> {
    let token = await this.known.get(workspaceId, () => this.read(workspaceId));
    if (stale(token)) {
      this.known.forget(workspaceId);
      token = await this.known.get(workspaceId, () => this.rotate(workspaceId));
    }
    return token.token;
  }

  forget(workspaceId: string): void {
    this.known.forget(workspaceId);
  }

  private async read(workspaceId: string): Promise<BotToken> {
    const token = await findBotToken(this.db, workspaceId);
    if (!token) throw notInstalled(workspaceId);
    return token;
  }

  private async rotate(workspaceId: string): Promise<BotToken> {
    const token = await rotateBotToken(this.db, workspaceId, stale, (refreshToken) => this.refresh(refreshToken));
    if (!token) throw notInstalled(workspaceId);
    return token;
  }

  private async refresh(refreshToken: string): Promise<BotToken> {
    const answer = await this.oauth.oauth.v2.access({
      client_id: this.app.clientId,
      client_secret: this.app.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    if (!answer.access_token || !answer.refresh_token || answer.expires_in === undefined) {
      throw new HandoffError('slack_rejected', 'Slack refreshed the bot token without a new token, refresh token or expiry');
    }
    return { token: answer.access_token, refreshToken: answer.refresh_token, expiresAt: new Date(Date.now() + answer.expires_in * 1000) };
  }
}

function stale(t: BotToken): boolean {
  return Boolean(t.refreshToken && t.expiresAt && t.expiresAt.getTime() - Date.now() < REFRESH_AHEAD_MS);
}

function notInstalled(workspaceId: string): HandoffError {
  return new HandoffError('workspace_not_installed', `Handoff is not installed in workspace ${workspaceId} (uninstalled or its tokens revoked)`);
}
