import type { WebClient } from '@slack/web-api';
import type { Database } from '../db/client';
import { findAccount } from '../db/repositories/accounts';
import { findPlatform, findWorkspaceById, findWorkspaceByTeam, loadAlertRouting, type WorkspaceRow } from '../db/repositories/tenancy';
import { HandoffError } from '../errors';
import { noteWorkspace } from '../log-context';
import { createSlackClient, type SlackClientOptions } from '../slack/client';
import { Remembered } from '../slack/remembered';
import { SlackTeamDirectory } from '../slack/team-directory';
import type { BotTokens } from './bot-tokens';
import type { AccountTenancy, SlackWorkspace } from './tenancy';

// A workspace's row serves this long before it is read again; an install or uninstall elsewhere reaches
// this replica within it (this replica's own are seen at once).
const FRESH_FOR_MS = 10_000;

// Single-workspace mode: the one workspace SLACK_BOT_TOKEN belongs to, and the platform's name there.
export interface OneWorkspace {
  slackTeamId: string;
  platformName: string;
}

class NotFound extends Error {}

type InstalledRow = WorkspaceRow & { botUserId: string; botId: string };

// Handoff is installed there: not uninstalled since, and its bot known.
function installed(row: WorkspaceRow | null): row is InstalledRow {
  return Boolean(row && !row.uninstalledAt && row.botUserId && row.botId);
}

// Finds the workspace of every request, event and job, with a Slack client holding that workspace's token.
export class Workspaces {
  private readonly rows = new Remembered<WorkspaceRow>(FRESH_FOR_MS);
  private readonly platforms = new Remembered<AccountTenancy>(FRESH_FOR_MS);
  private readonly clients = new Map<string, { token: string; client: WebClient }>();
  private readonly directories = new Map<string, SlackTeamDirectory>();

  constructor(
    private readonly db: Database,
    private readonly tokens: BotTokens,
    private readonly clientOptions: Omit<SlackClientOptions, 'token'>,
    // Null in multi-workspace mode, where every platform request names its account.
    private readonly one: OneWorkspace | null,
  ) {}

  get multi(): boolean {
    return this.one === null;
  }

  // A Slack request or event: its team. Null when Handoff is not installed there (or no longer).
  async ofTeam(slackTeamId: string): Promise<SlackWorkspace | null> {
    const row = await this.remembered(`team:${slackTeamId}`, () => findWorkspaceByTeam(this.db, slackTeamId));
    if (!installed(row)) return null;
    noteWorkspace(row.id);
    return this.handle(row);
  }

  // A job: the workspace of the row it works on.
  async ofId(workspaceId: string): Promise<SlackWorkspace> {
    const row = await this.remembered(`id:${workspaceId}`, () => findWorkspaceById(this.db, workspaceId));
    if (!installed(row)) {
      throw new HandoffError('workspace_not_installed', `Handoff is not installed in workspace ${workspaceId} (uninstalled or its tokens revoked)`);
    }
    return this.handle(row);
  }

  async slackFor(workspaceId: string): Promise<WebClient> {
    const token = await this.tokens.tokenFor(workspaceId);
    const known = this.clients.get(workspaceId);
    if (known?.token === token) return known.client;
    const client = createSlackClient({ token, ...this.clientOptions });
    this.clients.set(workspaceId, { token, client });
    return client;
  }

  // A bot-platform request: its account's workspace, or with one workspace that workspace. An account never
  // connected, or disconnected since, is refused before anything is stored.
  async ofAccount(account: string | undefined): Promise<AccountTenancy> {
    const tenancy = await this.accountTenancy(account);
    noteWorkspace(tenancy.workspaceId);
    return tenancy;
  }

  private async accountTenancy(account: string | undefined): Promise<AccountTenancy> {
    // Remembered briefly: the alert's own statement refuses routing settings an admin has changed since.
    if (this.one) return this.platforms.get('one', () => this.onePlatform(this.one!));
    if (!account) throw new HandoffError('invalid_request', 'account is required: the id of your customer whose Slack gets this', [{ path: 'account', message: 'is required' }]);
    // Not remembered: an uninstall must refuse the account's next alert on every replica at once.
    const row = await findAccount(this.db, account);
    if (!row?.connected) {
      throw new HandoffError('account_not_connected', `Account ${account} has no Slack workspace connected; ask for an install link (POST /api/v1/accounts/${account}/install-link)`);
    }
    const { workspaceId, slackTeamId, platformId, alertsChannel, routingRules, settingsVersion } = row;
    return { workspaceId, slackTeamId, platformId, alertsChannel, routingRules, settingsVersion, account };
  }

  // An install or uninstall on this replica is seen here at once.
  forget(workspace: { workspaceId: string; slackTeamId: string }): void {
    this.rows.forget(`team:${workspace.slackTeamId}`);
    this.rows.forget(`id:${workspace.workspaceId}`);
    this.tokens.forget(workspace.workspaceId);
    this.clients.delete(workspace.workspaceId);
  }

  private async handle(row: InstalledRow): Promise<SlackWorkspace> {
    return {
      tenancy: { workspaceId: row.id, slackTeamId: row.slackTeamId },
      bot: { botUserId: row.botUserId, botId: row.botId },
      slack: await this.slackFor(row.id),
      directory: this.directoryOf(row.id),
    };
  }

  // The user-group cache is the workspace's own: a group id means nothing in another workspace.
  private directoryOf(workspaceId: string): SlackTeamDirectory {
    let directory = this.directories.get(workspaceId);
    if (!directory) {
      directory = new SlackTeamDirectory(() => this.slackFor(workspaceId));
      this.directories.set(workspaceId, directory);
    }
    return directory;
  }

  private async onePlatform(one: OneWorkspace): Promise<AccountTenancy> {
    const row = await findWorkspaceByTeam(this.db, one.slackTeamId);
    const platform = row && (await findPlatform(this.db, row.id, one.platformName));
    if (!row || !platform) throw new Error(`workspace ${one.slackTeamId} was not seeded at start-up`);
    return { workspaceId: row.id, slackTeamId: row.slackTeamId, platformId: platform.id, ...(await loadAlertRouting(this.db, row.id)), account: null };
  }

  private async remembered(key: string, find: () => Promise<WorkspaceRow | null>): Promise<WorkspaceRow | null> {
    // Only rows found are remembered: a workspace installed a moment ago must not be refused for a while.
    return this.rows
      .get(key, async () => {
        const row = await find();
        if (!row) throw new NotFound();
        return row;
      })
      .catch((err) => {
        if (err instanceof NotFound) return null;
        throw err;
      });
  }
}
