import { type Args } from './slack-api-contract';

// The workspace of single-workspace mode, and the app's id everywhere.
export const TEAM_ID = 'T0HANDOFF';
export const BOT_USER_ID = 'U0HANDOFFBOT';
export const BOT_ID = 'B0HANDOFF';
export const APP_ID = 'A0HANDOFF';

type SlackResult = Record<string, unknown>;

// A workspace the app can be installed in, and its bot there.
export interface SlackTeam {
  id: string;
  name: string;
  botUserId: string;
  botId: string;
}

// The workspace every token the stand-in did not issue belongs to: the one of single-workspace mode.
export const DEFAULT_TEAM: SlackTeam = { id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, botId: BOT_ID };

// What an installer agreed to on Slack's consent screen.
export interface Consent {
  team: SlackTeam;
  // The channel picked for the incoming webhook: Handoff's alerts channel there.
  alertsChannel: string;
  // With token rotation on, bot tokens last this long and come with a refresh token.
  rotatingSeconds?: number;
}

interface IssuedToken {
  consent: Consent;
  expiresAt?: number;
}

// Slack's side of OAuth v2 for the stand-in: codes granted on the consent screen, the bot tokens
// oauth.v2.access exchanges them for, their refresh, and their revocation on uninstall.
export class SlackTeams {
  private app?: { clientId: string; clientSecret: string };
  private readonly codes = new Map<string, Consent>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, Consent>();
  private readonly revoked = new Set<string>();
  private seq = 0;

  // The app's credentials; oauth.v2.access refuses any other, as Slack does.
  registerApp(clientId: string, clientSecret: string): void {
    this.app = { clientId, clientSecret };
  }

  // The installer pressed "Allow": Slack redirects back with this code.
  consent(consent: Consent): string {
    const code = `${consent.team.id}.code.${++this.seq}`;
    this.codes.set(code, consent);
    return code;
  }

  // Whose token a call carries, or why Slack refuses it.
  callerOf(token: string | undefined): SlackTeam | 'invalid_auth' | 'token_expired' {
    if (token && this.revoked.has(token)) return 'invalid_auth';
    const issued = token ? this.tokens.get(token) : undefined;
    if (!issued) return DEFAULT_TEAM;
    if (issued.expiresAt !== undefined && Date.now() >= issued.expiresAt) return 'token_expired';
    return issued.consent.team;
  }

  // The bot tokens issued in a workspace, oldest first.
  tokensOf(teamId: string): string[] {
    return [...this.tokens.entries()].filter(([, t]) => t.consent.team.id === teamId).map(([token]) => token);
  }

  // app_uninstalled: every token of the workspace stops working.
  uninstall(teamId: string): void {
    for (const token of this.tokensOf(teamId)) {
      this.tokens.delete(token);
      this.revoked.add(token);
    }
    for (const [refresh, consent] of this.refreshTokens) if (consent.team.id === teamId) this.refreshTokens.delete(refresh);
  }

  exchange(args: Args): SlackResult {
    if (this.app && args.client_id !== this.app.clientId) return { ok: false, error: 'invalid_client_id' };
    if (this.app && args.client_secret !== this.app.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') return this.refresh(String(args.refresh_token));
    const consent = this.codes.get(String(args.code));
    // A code works once.
    if (!consent) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    return {
      ...this.issue(consent),
      authed_user: { id: 'U0INSTALLER' },
      enterprise: null,
      is_enterprise_install: false,
      incoming_webhook: {
        channel: `#alerts-${consent.team.name.toLowerCase()}`,
        channel_id: consent.alertsChannel,
        configuration_url: `https://${consent.team.name.toLowerCase()}.slack.com/services/B0HOOK`,
        url: `https://hooks.slack.com/services/${consent.team.id}/B0HOOK/x`,
      },
    };
  }

  private refresh(refreshToken: string): SlackResult {
    const consent = this.refreshTokens.get(refreshToken);
    if (!consent) return { ok: false, error: 'invalid_refresh_token' };
    // A refresh token works once; the answer carries the next one.
    this.refreshTokens.delete(refreshToken);
    return { ...this.issue(consent), enterprise: null, is_enterprise_install: false };
  }

  private issue(consent: Consent): SlackResult {
    const n = ++this.seq;
    const rotating = consent.rotatingSeconds !== undefined;
    const token = rotating ? `xoxe.xoxb-1-${consent.team.id}-${n}` : `xoxb-${consent.team.id}-${n}`;
    this.tokens.set(token, { consent, expiresAt: rotating ? Date.now() + consent.rotatingSeconds! * 1000 : undefined });
    const rotation: SlackResult = {};
    if (rotating) {
      const refresh = `xoxe-1-${consent.team.id}-${n}`;
      this.refreshTokens.set(refresh, consent);
      Object.assign(rotation, { expires_in: consent.rotatingSeconds, refresh_token: refresh });
    }
    return {
      ok: true, access_token: token, token_type: 'bot', scope: 'chat:write,channels:history,incoming-webhook',
      bot_user_id: consent.team.botUserId, app_id: APP_ID, team: { id: consent.team.id, name: consent.team.name }, ...rotation,
    };
  }
}
