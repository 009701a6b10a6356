import { App, ExpressReceiver, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Express } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { WORKSPACE_CONTEXT_KEY, type SlackWorkspace } from '../workspaces/tenancy';
import { DurableReceiver, InboxUnavailable, type SlackInbox } from './durable-receiver';

export interface WorkspaceFinder {
  ofTeam(slackTeamId: string): Promise<SlackWorkspace | null>;
}

// Bolt owns /slack/events (events, interactivity and slash commands) and verifies Slack's signature there.
// In Socket Mode the same listeners receive Slack's traffic over a websocket instead. Either way, the durable
// receiver stands in front of Bolt, so nothing is acknowledged before it is stored.
export function createBolt(config: Config['slack'], workspaces: WorkspaceFinder, http: Express, inbox: SlackInbox, logger: Logger): App {
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 2 } };
  const transport: Receiver = config.appToken
    ? // The websocket's URL comes from apps.connections.open, asked of the same Slack API as every other call.
      new SocketModeReceiver({
        appToken: config.appToken,
        logLevel: LogLevel.WARN,
        installerOptions: { clientOptions },
        // Unacknowledged, Slack redelivers the event; the durable receiver has logged why.
        processEventErrorHandler: async ({ error }) => !(error instanceof InboxUnavailable),
      })
    : new ExpressReceiver({
        signingSecret: config.signingSecret,
        endpoints: '/slack/events',
        app: http,
        // Listeners acknowledge themselves, once their effect is committed; events never reach Bolt unstored.
        processBeforeResponse: false,
        logLevel: LogLevel.WARN,
        processEventErrorHandler: async ({ error, response }) => {
          if (!(error instanceof InboxUnavailable) || response.headersSent) return false;
          // Slack retries a 5xx; answering here also stops Bolt's three-second "not acknowledged" timer.
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'inbox_unavailable', message: error.message }));
          return true;
        },
      });
  return new App({
    // Every interaction finds its workspace and token from its own team; one Handoff is not installed in is
    // refused here, before any listener runs, and the refusal is logged with the team.
    authorize: async (source) => {
      const team = source.teamId ?? source.enterpriseId;
      const workspace = team ? await workspaces.ofTeam(team) : null;
      if (!workspace) {
        logger.warn({ team, user: source.userId }, 'refused a Slack request from a workspace Handoff is not installed in');
        throw new Error(`Handoff is not installed in Slack workspace ${team ?? '(none given)'}`);
      }
      return {
        botToken: workspace.slack.token,
        botId: workspace.bot.botId,
        botUserId: workspace.bot.botUserId,
        teamId: workspace.tenancy.slackTeamId,
        [WORKSPACE_CONTEXT_KEY]: workspace,
      };
    },
    logLevel: LogLevel.WARN,
    clientOptions,
    receiver: new DurableReceiver(transport, inbox, logger),
  });
}
