import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Express } from 'express';
import type { Config } from '../config';

export interface BotIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
}

// Bolt owns /slack/events (events, interactivity and slash commands) and verifies Slack's signature there.
// In Socket Mode the same listeners receive Slack's traffic over a websocket instead.
export function createBolt(config: Config['slack'], identity: BotIdentity, http: Express): App {
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    logLevel: LogLevel.WARN,
    clientOptions: { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 2 } },
  };
  if (config.appToken) {
    return new App({ ...common, socketMode: true, appToken: config.appToken, signingSecret: config.signingSecret });
  }
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    app: http,
    processBeforeResponse: false,
  });
  return new App({ ...common, receiver });
}
