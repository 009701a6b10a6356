import { z } from 'zod';
import { knownTimeZone, parseBusinessHours } from './domain/business-hours';
import { DEFAULT_RESPONSE_TARGETS, parseResponseTargets, type ResponseTargets } from './domain/response-targets';
import { PLAYGROUND_WEBHOOK_PATH } from './playground/paths';
import { playgroundWebhookSecret } from './playground/webhook-secret';
import type { RoutingRule } from './domain/routing';
import { AGENT_CHAT_LIMIT, IDLE_CLOSE_SECONDS } from './domain/workspace-settings';
import { parseRoutingRules } from './workspaces/routing-rules';

// The only reader of process.env. Parsed once at start-up; a bad value stops the process with one clear line.

const slackChannelId = /^[CG][A-Z0-9]{2,}$/;
// `required`: what to say when it is unset where it must be set.
const databaseUrl = (required?: string) => z.string({ error: required }).regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL');
const optionalString = z.string().trim().min(1).optional().catch(undefined);

const responseTargets = z
  .string()
  .optional()
  .transform((text, ctx): ResponseTargets => {
    if (text === undefined) return DEFAULT_RESPONSE_TARGETS;
    const parsed = parseResponseTargets(text);
    if ('targets' in parsed) return parsed.targets;
    ctx.addIssue({ code: 'custom', message: `is wrong: ${parsed.problems.join('; ')} (e.g. urgent:300,high:900,normal:3600,low:14400)` });
    return z.NEVER;
  });

const businessHours = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const parsed = parseBusinessHours(text);
    if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
  })
  .optional();

const timeZone = z
  .string()
  .trim()
  .refine(knownTimeZone, 'must be an IANA time zone such as Europe/Berlin, or UTC')
  .default('UTC');

// zod's own wording ("expected number, received NaN") does not say what to write instead.
function numberSetting(message: string, { min, max, int = true }: { min: number; max?: number; int?: boolean }) {
  const n = z.coerce.number({ error: message }).min(min, message);
  const bounded = max === undefined ? n : n.max(max, message);
  return int ? bounded.int(message) : bounded;
}

// Any one of the OAuth settings means many workspaces were meant; the others are then named if missing.
function multiWorkspace(env: { SLACK_CLIENT_ID?: unknown; SLACK_CLIENT_SECRET?: unknown; SLACK_STATE_SECRET?: unknown }): boolean {
  return Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET || env.SLACK_STATE_SECRET);
}

const settings = z
  .object({
    PORT: numberSetting('must be a port number from 0 to 65535', { min: 0, max: 65535 }).default(3000),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z.string({ error: 'is required (Basic Information → Signing Secret)' }).min(1, 'is required'),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    SLACK_ALERTS_CHANNEL: z.string().regex(slackChannelId, 'must be a channel ID such as C0123ABCD (not a #name)').optional(),
    // All three together switch on multi-workspace mode: each account connects its own Slack by OAuth.
    SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, 'must be the app\'s Client ID (Basic Information), e.g. 1234567890.1234567890').optional(),
    SLACK_CLIENT_SECRET: z.string().min(16, 'must be the app\'s Client Secret (Basic Information)').optional(),
    SLACK_STATE_SECRET: z.string().min(32, 'must be at least 32 random characters (it signs the OAuth state)').optional(),
    INSTALL_LINK_TTL_SECONDS: numberSetting('must be a whole number of seconds from 60 to 604800 (a week)', { min: 60, max: 604_800 }).default(86_400),
    SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
    SLACK_PACING: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
    DATABASE_URL: databaseUrl().optional(),
    EMBEDDED_DATABASE_DIR: z.string().min(1).default('.data/pglite'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, - and _')
      .default('handoff'),
    HANDOFF_SIGNING_SECRET: z
      .string({ error: 'is required (the whsec_… secret the bot platform signs requests with)' })
      .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be a Standard Webhooks secret: whsec_ followed by base64'),
    CUSTOMER_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, error: 'must be the http(s) URL of the bot platform endpoint' })
      .optional(),
    CUSTOMER_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be a Standard Webhooks secret: whsec_ followed by base64')
      .optional(),
    RELAY_GRACE_SECONDS: numberSetting('must be a number of seconds from 0 to 300', { min: 0, max: 300, int: false }).default(5),
    RELAY_MODE: z.enum(['all', 'marker', 'alerts_only']).default('all'),
    RELAY_SEND_MARKER: z.string().trim().min(1).max(20).default('>>'),
    FILE_LINK_TTL_SECONDS: numberSetting('must be a whole number of seconds from 60 to 31536000 (a year)', { min: 60, max: 31_536_000 }).default(604_800),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the public http(s) URL of this Handoff, e.g. https://handoff.example.com' }).optional(),
    SLACK_AGENTS_USERGROUP: z.string().regex(/^S[A-Z0-9]+$/, 'must be a user group ID such as S0123ABCD').optional(),
    SLACK_SUPERVISORS_USERGROUP: z.string().regex(/^S[A-Z0-9]+$/, 'must be a user group ID such as S0123ABCD').optional(),
    TAKE_OVER_EMOJI: z.string().regex(/^[a-z0-9_+'-]+$/, 'must be an emoji name without colons, e.g. eyes').default('eyes'),
    CLOSE_EMOJI: z.string().regex(/^[a-z0-9_+'-]+$/, 'must be an emoji name without colons, e.g. white_check_mark').default('white_check_mark'),
    // Each broken rule is named by its index and field, so a long list can be fixed in one go.
    ROUTING_RULES: z
      .string()
      .transform((json, ctx): RoutingRule[] => {
        const parsed = parseRoutingRules(json);
        if (parsed.ok) return parsed.rules;
        for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      })
      .optional(),
    AUTO_ASSIGN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
    AGENT_CHAT_LIMIT: numberSetting(`must be a whole number of conversations from ${AGENT_CHAT_LIMIT.min} to ${AGENT_CHAT_LIMIT.max}`, AGENT_CHAT_LIMIT).default(5),
    FIRST_RESPONSE_TARGETS: responseTargets,
    BUSINESS_HOURS: businessHours,
    TIME_ZONE: timeZone,
    IDLE_CLOSE_SECONDS: numberSetting(`must be a whole number of seconds from ${IDLE_CLOSE_SECONDS.min} to ${IDLE_CLOSE_SECONDS.max} (30 days)`, IDLE_CLOSE_SECONDS).default(86_400),
    JOB_BACKOFF_MS: numberSetting('must be a whole number of milliseconds, at least 1', { min: 1 }).default(1000),
    JOB_ATTEMPTS: numberSetting('must be a whole number from 1 to 50', { min: 1, max: 50 }).default(8),
    DATABASE_POOL_SIZE: numberSetting('must be a whole number of connections from 1 to 100', { min: 1, max: 100 }).default(10),
    WORKER_CONCURRENCY: numberSetting('must be a whole number of jobs from 1 to 100', { min: 1, max: 100 }).default(8),
    SWEEP_EVERY_MS: numberSetting('must be a whole number of milliseconds from 1000 to 3600000', { min: 1000, max: 3_600_000 }).default(30_000),
    HANDOFF_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
    HEALTH_PORT: numberSetting('must be a port number from 0 to 65535', { min: 0, max: 65535 }).optional(),
    SHUTDOWN_TIMEOUT_MS: numberSetting('must be a whole number of milliseconds from 100 to 600000', { min: 100, max: 600_000 }).default(10_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PLATFORM_NAME: optionalString,
    PLAYGROUND: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces (scrapers send it as a bearer token)').optional(),
  })
  // Checked even when other variables are wrong, so one start-up lists every problem at once.
  .refine((env) => !env.CUSTOMER_WEBHOOK_URL || env.CUSTOMER_WEBHOOK_SECRET, {
    path: ['CUSTOMER_WEBHOOK_SECRET'],
    message: 'is required when CUSTOMER_WEBHOOK_URL is set',
    when: () => true,
  })
  // Replies reach the playground through PUBLIC_URL, and a port picked at start-up cannot be written into it.
  .refine((env) => env.PLAYGROUND === 'off' || env.CUSTOMER_WEBHOOK_URL || env.PUBLIC_URL || env.PORT !== 0, {
    path: ['PUBLIC_URL'],
    message: 'is required with PLAYGROUND=on and PORT=0, so agents\' replies can be delivered to the playground',
  })
  // The embedded database lives inside one process; a web and a worker process would each open their own.
  // Checked on the raw values too (other variables may be wrong), where an unset HANDOFF_ROLE has no default yet.
  .refine((env) => (env.HANDOFF_ROLE !== 'web' && env.HANDOFF_ROLE !== 'worker') || env.DATABASE_URL, {
    path: ['DATABASE_URL'],
    message: 'is required with HANDOFF_ROLE=web or worker: the embedded database serves only one process (HANDOFF_ROLE=all)',
    when: () => true,
  });

// Which Slack settings each mode needs: one workspace from the environment, or many through OAuth.
const OAUTH_REQUIRED = 'is required with the other SLACK_CLIENT_… settings (multi-workspace mode)';
const WORKSPACE_SETTINGS: [name: 'SLACK_BOT_TOKEN' | 'SLACK_ALERTS_CHANNEL' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET', many: boolean, message: string][] = [
  ['SLACK_BOT_TOKEN', false, 'is required (the bot token, xoxb-…), unless SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set for many workspaces'],
  ['SLACK_ALERTS_CHANNEL', false, 'is required (the ID of the alerts channel, e.g. C0123ABCD)'],
  ['SLACK_CLIENT_ID', true, OAUTH_REQUIRED],
  ['SLACK_CLIENT_SECRET', true, OAUTH_REQUIRED],
  ['SLACK_STATE_SECRET', true, OAUTH_REQUIRED],
];

const schema = WORKSPACE_SETTINGS.reduce(
  (checked, [name, many, message]) =>
    checked.refine((env) => multiWorkspace(env) !== many || Boolean(env[name]), { path: [name], message, when: () => true }),
  settings,
);

export type Env = z.infer<typeof schema>;

// Every variable Handoff reads; .env.example and docker-compose.yml are tested against it.
export const VARIABLES: readonly string[] = Object.keys(settings.shape);

export interface Config {
  port: number;
  role: Env['HANDOFF_ROLE'];
  // Where a worker process answers /healthz and /readyz; unset, it serves no HTTP. The web port serves them otherwise.
  healthPort?: number;
  // How long a SIGTERM waits for the requests and jobs in hand before the process exits anyway.
  shutdownTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  slack: {
    signingSecret: string;
    appToken?: string;
    // One workspace from the environment, or many, each installed through OAuth.
    workspaces: SingleWorkspace | ManyWorkspaces;
    apiUrl?: string;
    // Calls wait for a slot within Slack's rate limits; off, only Slack's 429s hold them back.
    paced: boolean;
  };
  database: ({ url: string } | { embeddedDir: string }) & { poolSize: number };
  redis: { url: string; queuePrefix: string };
  platform: {
    name: string;
    signingSecret: string;
    webhookUrl?: string;
    webhookSecret?: string;
  };
  relay: { graceSeconds: number; mode: Env['RELAY_MODE']; sendMarker: string };
  // Seeds the installing workspace's settings; later installs get theirs from Slack.
  workspace: {
    agentsUserGroup?: string;
    supervisorsUserGroup?: string;
    takeOverEmoji: string;
    closeEmoji: string;
    routingRules: RoutingRule[];
    // New alerts are assigned to the least-loaded online agent below `agentChatLimit` open conversations.
    autoAssign: boolean;
    agentChatLimit: number;
    // Seconds each priority may wait for a person's reply, and of quiet before the assignee is offered to close.
    firstResponseTargets: ResponseTargets;
    idleCloseSeconds: number;
    // When the clocks run, e.g. `Mon-Fri 09:00-17:00 Europe/Berlin`; unset, all the time.
    businessHours?: string;
    // Where "today" begins for the stats and the App Home, when business hours name no zone of their own.
    timeZone: string;
  };
  publicUrl: string;
  // How long a download link for a file an agent shared keeps working.
  fileLinks: { ttlSeconds: number };
  // `concurrency`: jobs each queue of a worker replica runs at once.
  jobs: { backoffMs: number; attempts: number; sweepEveryMs: number; concurrency: number };
  // `repliesHere`: no CUSTOMER_WEBHOOK_URL, so Handoff's webhooks go to the playground's own receiving route.
  playground: { enabled: boolean; repliesHere: boolean };
  // With a token, /metrics answers only a scraper that sends it.
  metrics: { token?: string };
}

export interface SingleWorkspace {
  kind: 'single';
  botToken: string;
  alertsChannel: string;
}

export interface ManyWorkspaces {
  kind: 'many';
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installLinkTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

// Not one Slack setting yet: nobody has created the Slack app (main then says how).
export function noSlackApp(env: Record<string, string | undefined>): boolean {
  return !['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID'].some((name) => env[name]);
}

function parseEnv<T>(parser: z.ZodType<T>, env: Record<string, string | undefined>): T {
  // An empty variable (FOO=) means "not set", as in most .env conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = parser.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`));
  }
  return result.data;
}

// `npm run db:migrate` needs nothing but the database; the embedded one is migrated by the app that opens it.
const migrationSettings = z.object({
  DATABASE_URL: databaseUrl('is required: db:migrate migrates a PostgreSQL database (the embedded database migrates itself at start-up)'),
});

export function parseMigrationConfig(env: Record<string, string | undefined>): { databaseUrl: string } {
  return { databaseUrl: parseEnv(migrationSettings, env).DATABASE_URL };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(schema, env);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const playground = { enabled: e.PLAYGROUND === 'on', repliesHere: e.PLAYGROUND === 'on' && !e.CUSTOMER_WEBHOOK_URL };
  return {
    port: e.PORT,
    role: e.HANDOFF_ROLE,
    healthPort: e.HEALTH_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      workspaces: multiWorkspace(e)
        ? {
            kind: 'many',
            clientId: e.SLACK_CLIENT_ID!,
            clientSecret: e.SLACK_CLIENT_SECRET!,
            stateSecret: e.SLACK_STATE_SECRET!,
            installLinkTtlSeconds: e.INSTALL_LINK_TTL_SECONDS,
          }
        : { kind: 'single', botToken: e.SLACK_BOT_TOKEN!, alertsChannel: e.SLACK_ALERTS_CHANNEL! },
      apiUrl: e.SLACK_API_URL,
      paced: e.SLACK_PACING === 'on',
    },
    database: { ...(e.DATABASE_URL ? { url: e.DATABASE_URL } : { embeddedDir: e.EMBEDDED_DATABASE_DIR }), poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    platform: {
      name: e.PLATFORM_NAME ?? 'default',
      signingSecret: e.HANDOFF_SIGNING_SECRET,
      ...(playground.repliesHere
        ? { webhookUrl: `${publicUrl}${PLAYGROUND_WEBHOOK_PATH}`, webhookSecret: e.CUSTOMER_WEBHOOK_SECRET ?? playgroundWebhookSecret(e.HANDOFF_SIGNING_SECRET) }
        : { webhookUrl: e.CUSTOMER_WEBHOOK_URL, webhookSecret: e.CUSTOMER_WEBHOOK_SECRET }),
    },
    relay: { graceSeconds: e.RELAY_GRACE_SECONDS, mode: e.RELAY_MODE, sendMarker: e.RELAY_SEND_MARKER },
    workspace: {
      agentsUserGroup: e.SLACK_AGENTS_USERGROUP,
      supervisorsUserGroup: e.SLACK_SUPERVISORS_USERGROUP,
      takeOverEmoji: e.TAKE_OVER_EMOJI,
      closeEmoji: e.CLOSE_EMOJI,
      routingRules: e.ROUTING_RULES ?? [],
      autoAssign: e.AUTO_ASSIGN === 'on',
      agentChatLimit: e.AGENT_CHAT_LIMIT,
      firstResponseTargets: e.FIRST_RESPONSE_TARGETS,
      idleCloseSeconds: e.IDLE_CLOSE_SECONDS,
      businessHours: e.BUSINESS_HOURS,
      timeZone: e.TIME_ZONE,
    },
    publicUrl,
    fileLinks: { ttlSeconds: e.FILE_LINK_TTL_SECONDS },
    jobs: { backoffMs: e.JOB_BACKOFF_MS, attempts: e.JOB_ATTEMPTS, sweepEveryMs: e.SWEEP_EVERY_MS, concurrency: e.WORKER_CONCURRENCY },
    playground,
    metrics: { token: e.METRICS_TOKEN },
  };
}
