import { randomBytes } from 'node:crypto';
import { startHandoff, type RunningHandoff } from '../../src/app';
import { parseConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { PlatformStandIn } from './platform-stand-in';
import { SlackStandIn } from './slack-stand-in';
import { signedSlackHeaders, type SlackRequestBody } from './slack-signing';
import { signPlatformRequest } from './standard-webhooks';
import { TEST_REDIS_URL } from './services';
import { createTestDatabase, type TestDatabase } from './test-database';
import { startReplicas, type HandoffReplica, type Replicas } from './handoff-processes';
import type { CuttablePath } from './cuttable-path';
import { clearQueuePrefix, uniqueQueuePrefix } from './test-queue';

export const ALERTS_CHANNEL = 'C0ALERTS';

export function whsec(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export interface Harness {
  baseUrl: string;
  // Every web replica's base URL when started as `replicas`; else just `baseUrl`.
  webUrls: string[];
  app: Omit<RunningHandoff, 'workspaces'>;
  config: Config;
  slack: SlackStandIn;
  platform: PlatformStandIn;
  // Sends a bot-platform request signed exactly as the platform signs it.
  platformRequest(path: string, body: unknown, opts?: { webhookId?: string; timestamp?: Date; secret?: string }): Promise<Response>;
  // What Handoff logged, one JSON line each, when the harness was started with `captureLogs`.
  logs: string[];
  // The processes Handoff runs in, when started as `replicas`; empty when it runs in this process.
  replicas: HandoffReplica[];
  // Starts one more replica when Handoff runs as `replicas`.
  addReplica(role: HandoffReplica['role']): Promise<HandoffReplica>;
  // Sends a request to /slack/events signed exactly as Slack signs it; `via` picks the web replica (a base URL).
  slackRequest(req: SlackRequestBody, opts?: { timestampSec?: number; headers?: Record<string, string>; via?: string }): Promise<Response>;
  stop(): Promise<void>;
}

// A running Handoff on its own database and queue prefix, talking to local stand-ins for Slack and the platform.
export async function startHarness(
  env: Record<string, string> = {},
  // `replicas` runs the built app as web and worker processes instead of in this process.
  // `checkSlackCalls: false` lets the Slack stand-in answer without checking each call (see SlackStandIn).
  // `via` connects Handoff to PostgreSQL or Redis through a path the test can cut (see openCuttablePath).
  opts: {
    captureLogs?: boolean;
    beforeStart?: (slack: SlackStandIn) => void;
    replicas?: Replicas;
    checkSlackCalls?: boolean;
    via?: { database?: CuttablePath; redis?: CuttablePath };
  } = {},
): Promise<Harness> {
  const slack = new SlackStandIn({ checkCalls: opts.checkSlackCalls });
  await slack.start();
  opts.beforeStart?.(slack);
  const platformSecret = whsec();
  const platform = new PlatformStandIn(platformSecret);
  await platform.start();
  const database: TestDatabase = await createTestDatabase();
  const prefix = uniqueQueuePrefix();
  const appEnv: Record<string, string> = {
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
    SLACK_ALERTS_CHANNEL: ALERTS_CHANNEL,
    SLACK_API_URL: slack.url,
    DATABASE_URL: opts.via?.database?.through(database.url) ?? database.url,
    REDIS_URL: opts.via?.redis?.through(TEST_REDIS_URL) ?? TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    HANDOFF_SIGNING_SECRET: whsec(),
    CUSTOMER_WEBHOOK_URL: platform.url,
    CUSTOMER_WEBHOOK_SECRET: platformSecret,
    JOB_BACKOFF_MS: '50',
    RELAY_GRACE_SECONDS: '0',
    // Most tests post more than once a second into one channel to a stand-in that takes it all; the tests of
    // pacing turn it on with a stand-in that enforces Slack's limits.
    SLACK_PACING: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  };
  const config = parseConfig(appEnv);
  const logs: string[] = [];
  const logger = opts.captureLogs ? createLogger('info', { write: (line: string) => void logs.push(line) }) : createLogger(config.logLevel);
  const replicas = opts.replicas ? await startReplicas(appEnv, opts.replicas) : undefined;
  const app = replicas ?? (await startHandoff(config, logger));
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const harness: Harness = {
    baseUrl,
    webUrls: replicas?.urls ?? [baseUrl],
    app,
    config,
    slack,
    platform,
    logs,
    replicas: replicas?.replicas ?? [],
    addReplica(role) {
      if (!replicas) throw new Error('addReplica needs a harness started with `replicas`');
      return replicas.add(role);
    },
    platformRequest(path, body, opts = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers = signPlatformRequest(opts.secret ?? config.platform.signingSecret, raw, { id: opts.webhookId, timestamp: opts.timestamp });
      return fetch(`${baseUrl}${path}`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });
    },
    slackRequest(req, opts = {}) {
      const headers = signedSlackHeaders(config.slack.signingSecret, req, opts.timestampSec);
      return fetch(`${opts.via ?? baseUrl}/slack/events`, { method: 'POST', body: req.body, headers: { ...headers, ...opts.headers } });
    },
    // Stops the Handoff running now: a test may have started it again (`h.app = await startHandoff(…)`).
    async stop() {
      await harness.app.stop();
      await Promise.all([slack.stop(), platform.stop()]);
      await database.drop();
      await clearQueuePrefix(prefix);
    },
  };
  return harness;
}
