import type { WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import { applyMigrations } from './db/migrate';
import type { BotIdentity } from './workspaces/tenancy';
import { slackErrorCode } from './slack/errors';

// Start-up problems a person must fix; main prints the message as one line and exits.
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

// Resolves with the names of the migrations it applied (none when the database is up to date).
export function migrateDatabase(url: string): Promise<string[]> {
  return applyMigrations(url).catch((err) => {
    throw new StartupError(`PostgreSQL is unreachable or refused the migrations at DATABASE_URL (${(err as Error).message})`);
  });
}

export async function identifyBot(slack: WebClient): Promise<BotIdentity & { teamId: string }> {
  try {
    const me = await slack.auth.test();
    if (!me.team_id || !me.user_id || !me.bot_id) {
      throw new StartupError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot_id); use the xoxb- token');
    }
    return { teamId: me.team_id, botUserId: me.user_id, botId: me.bot_id };
  } catch (err) {
    if (err instanceof StartupError) throw err;
    const code = slackErrorCode(err);
    throw new StartupError(
      code
        ? `SLACK_BOT_TOKEN was refused by Slack (${code}); copy the Bot User OAuth Token from the app's OAuth page`
        : `Slack is unreachable (${(err as Error).message}); check SLACK_API_URL and the network`,
    );
  }
}

// Whether Redis answers within `timeoutMs`. Handoff starts without it: what it accepts meanwhile is stored in
// PostgreSQL and queued by the sweeper once Redis is back, so a Redis outage never stops the web taking alerts.
export async function waitForRedis(redis: Redis, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (redis.status === 'wait') await redis.connect();
      await redis.ping();
      return true;
    } catch {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
