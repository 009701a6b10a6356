import { ConfigError, noSlackApp, parseConfig, parseMigrationConfig } from '../../src/config';
import { REQUIRED_SETTINGS as REQUIRED } from '../helpers/required-settings';

const WEBHOOK_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

function problemsOf(env: Record<string, string | undefined>, parse: (env: Record<string, string | undefined>) => unknown = parseConfig): string[] {
  try {
    parse(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseConfig', () => {
  it('starts on port 3000 with local Redis, the handoff queue prefix and the embedded database', () => {
    const config = parseConfig(REQUIRED);
    expect(config.port).toBe(3000);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', queuePrefix: 'handoff' });
    expect(config.database).toEqual({ embeddedDir: '.data/pglite', poolSize: 10 });
    expect(config.jobs.concurrency).toBe(8);
    expect(config.relay.graceSeconds).toBe(5);
    expect(config.role).toBe('all');
    expect(config.fileLinks).toEqual({ ttlSeconds: 604_800 });
  });

  it('keeps file links working for FILE_LINK_TTL_SECONDS when set', () => {
    expect(parseConfig({ ...REQUIRED, FILE_LINK_TTL_SECONDS: '3600' }).fileLinks).toEqual({ ttlSeconds: 3600 });
  });

  it("paces Slack calls to Slack's limits unless SLACK_PACING is off", () => {
    expect(parseConfig(REQUIRED).slack.paced).toBe(true);
    expect(parseConfig({ ...REQUIRED, SLACK_PACING: 'off' }).slack.paced).toBe(false);
    expect(problemsOf({ ...REQUIRED, SLACK_PACING: 'no' })).toEqual(['SLACK_PACING must be on or off']);
  });

  it('sizes the database pool and each queue\'s job concurrency from DATABASE_POOL_SIZE and WORKER_CONCURRENCY', () => {
    const config = parseConfig({ ...REQUIRED, DATABASE_POOL_SIZE: '20', WORKER_CONCURRENCY: '16' });
    expect(config.database.poolSize).toBe(20);
    expect(config.jobs.concurrency).toBe(16);
    expect(problemsOf({ ...REQUIRED, DATABASE_POOL_SIZE: '0', WORKER_CONCURRENCY: 'many' })).toEqual([
      'DATABASE_POOL_SIZE must be a whole number of connections from 1 to 100',
      'WORKER_CONCURRENCY must be a whole number of jobs from 1 to 100',
    ]);
  });

  it('guards /metrics with METRICS_TOKEN only when it is set', () => {
    expect(parseConfig(REQUIRED).metrics).toEqual({ token: undefined });
    expect(parseConfig({ ...REQUIRED, METRICS_TOKEN: 'scrape-0123456789abcdef' }).metrics).toEqual({ token: 'scrape-0123456789abcdef' });
    expect(problemsOf({ ...REQUIRED, METRICS_TOKEN: 'short' })).toEqual([
      'METRICS_TOKEN must be at least 16 printable characters without spaces (scrapers send it as a bearer token)',
    ]);
  });

  it('serves a worker\'s health checks on HEALTH_PORT only when it is set', () => {
    expect(parseConfig(REQUIRED).healthPort).toBeUndefined();
    expect(parseConfig({ ...REQUIRED, HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    expect(problemsOf({ ...REQUIRED, HEALTH_PORT: 'health' })).toEqual(['HEALTH_PORT must be a port number from 0 to 65535']);
  });

  it('waits SHUTDOWN_TIMEOUT_MS (10 s unless set) for the work in hand on SIGTERM', () => {
    expect(parseConfig(REQUIRED).shutdownTimeoutMs).toBe(10_000);
    expect(parseConfig({ ...REQUIRED, SHUTDOWN_TIMEOUT_MS: '2500' }).shutdownTimeoutMs).toBe(2500);
    expect(problemsOf({ ...REQUIRED, SHUTDOWN_TIMEOUT_MS: '10s' })).toEqual(['SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000']);
  });

  it('seeds the response-time targets and the idle offer from FIRST_RESPONSE_TARGETS and IDLE_CLOSE_SECONDS', () => {
    expect(parseConfig(REQUIRED).workspace).toMatchObject({ firstResponseTargets: { urgent: 300, high: 900, normal: 3600, low: 14_400 }, idleCloseSeconds: 86_400 });
    const set = parseConfig({ ...REQUIRED, FIRST_RESPONSE_TARGETS: 'urgent:120,low:86400', IDLE_CLOSE_SECONDS: '3600' }).workspace;
    expect(set).toMatchObject({ firstResponseTargets: { urgent: 120, high: 900, normal: 3600, low: 86_400 }, idleCloseSeconds: 3600 });
  });

  it('names the bad part of FIRST_RESPONSE_TARGETS and a bad IDLE_CLOSE_SECONDS', () => {
    expect(problemsOf({ ...REQUIRED, FIRST_RESPONSE_TARGETS: 'urgent:300,asap:60', IDLE_CLOSE_SECONDS: '60' })).toEqual([
      'FIRST_RESPONSE_TARGETS is wrong: "asap:60" must be <priority>:<seconds> with a priority of low, normal, high, urgent (e.g. urgent:300,high:900,normal:3600,low:14400)',
      'IDLE_CLOSE_SECONDS must be a whole number of seconds from 600 to 2592000 (30 days)',
    ]);
  });

  it('seeds business hours from BUSINESS_HOURS, and names what is wrong with them', () => {
    expect(parseConfig(REQUIRED).workspace.businessHours).toBeUndefined();
    expect(parseConfig({ ...REQUIRED, BUSINESS_HOURS: 'Mon-Fri 09:00-17:00 Europe/Berlin' }).workspace.businessHours).toBe('Mon-Fri 09:00-17:00 Europe/Berlin');
    expect(problemsOf({ ...REQUIRED, BUSINESS_HOURS: 'Mon-Fri 09:00-17:00 Mars/Olympus' })).toEqual([
      'BUSINESS_HOURS has time zone "Mars/Olympus", which is not an IANA time zone such as Europe/Berlin',
    ]);
  });

  it('counts "today" in TIME_ZONE, UTC unless set, and names a zone that is not one', () => {
    expect(parseConfig(REQUIRED).workspace.timeZone).toBe('UTC');
    expect(parseConfig({ ...REQUIRED, TIME_ZONE: 'America/Los_Angeles' }).workspace.timeZone).toBe('America/Los_Angeles');
    expect(problemsOf({ ...REQUIRED, TIME_ZONE: 'Pacific Time' })).toEqual(['TIME_ZONE must be an IANA time zone such as Europe/Berlin, or UTC']);
  });

  it('uses the PostgreSQL server when DATABASE_URL is set', () => {
    const config = parseConfig({ ...REQUIRED, DATABASE_URL: 'postgresql://handoff@db.internal:5432/handoff' });
    expect(config.database).toEqual({ url: 'postgresql://handoff@db.internal:5432/handoff', poolSize: 10 });
  });

  describe('HANDOFF_ROLE=web or worker', () => {
    it.each(['web', 'worker'])('refuses %s on the embedded database, naming DATABASE_URL and HANDOFF_ROLE', (role) => {
      expect(problemsOf({ ...REQUIRED, HANDOFF_ROLE: role })).toEqual([
        'DATABASE_URL is required with HANDOFF_ROLE=web or worker: the embedded database serves only one process (HANDOFF_ROLE=all)',
      ]);
    });

    it('runs on PostgreSQL', () => {
      expect(parseConfig({ ...REQUIRED, HANDOFF_ROLE: 'worker', DATABASE_URL: 'postgresql://db.internal/handoff' }).role).toBe('worker');
    });

    it('names the split on the embedded database even when other variables are missing too', () => {
      expect(problemsOf({ HANDOFF_ROLE: 'web' })).toContain(
        'DATABASE_URL is required with HANDOFF_ROLE=web or worker: the embedded database serves only one process (HANDOFF_ROLE=all)',
      );
    });
  });

  it('passes the Slack and platform settings through', () => {
    const config = parseConfig({
      ...REQUIRED,
      PORT: '8080',
      CUSTOMER_WEBHOOK_URL: 'https://bots.example.com/handoff-events',
      CUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    expect(config.port).toBe(8080);
    expect(config.slack.workspaces).toEqual({ kind: 'single', botToken: REQUIRED.SLACK_BOT_TOKEN, alertsChannel: 'C0123ABCD' });
    expect(config.platform).toMatchObject({
      signingSecret: REQUIRED.HANDOFF_SIGNING_SECRET,
      webhookUrl: 'https://bots.example.com/handoff-events',
      webhookSecret: WEBHOOK_SECRET,
    });
  });

  it.each([
    ['SLACK_BOT_TOKEN', /^SLACK_BOT_TOKEN is required .*xoxb-/],
    ['SLACK_SIGNING_SECRET', /^SLACK_SIGNING_SECRET is required .*Signing Secret/],
    ['SLACK_ALERTS_CHANNEL', /^SLACK_ALERTS_CHANNEL is required .*channel.*C0123ABCD/],
    ['HANDOFF_SIGNING_SECRET', /^HANDOFF_SIGNING_SECRET is required .*whsec_/],
  ])('says %s is missing and what to put there', (name, expected) => {
    const { [name as keyof typeof REQUIRED]: _missing, ...rest } = REQUIRED;
    const problems = problemsOf(rest);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('lists every missing variable at once', () => {
    expect(problemsOf({}).map((p) => p.split(' ')[0])).toEqual([
      'SLACK_SIGNING_SECRET',
      'HANDOFF_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_ALERTS_CHANNEL',
    ]);
  });

  describe('with many workspaces', () => {
    const { SLACK_BOT_TOKEN: _token, SLACK_ALERTS_CHANNEL: _channel, ...shared } = REQUIRED;
    const OAUTH = { SLACK_CLIENT_ID: '1234567890.9876543210', SLACK_CLIENT_SECRET: 'c0ffee'.repeat(6), SLACK_STATE_SECRET: 's'.repeat(40) };

    it('needs no bot token or alerts channel once the OAuth settings are set', () => {
      expect(parseConfig({ ...shared, ...OAUTH }).slack.workspaces).toEqual({
        kind: 'many',
        clientId: OAUTH.SLACK_CLIENT_ID,
        clientSecret: OAUTH.SLACK_CLIENT_SECRET,
        stateSecret: OAUTH.SLACK_STATE_SECRET,
        installLinkTtlSeconds: 86_400,
      });
    });

    it('names the OAuth settings still missing when only some are set', () => {
      expect(problemsOf({ ...shared, SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID })).toEqual([
        'SLACK_CLIENT_SECRET is required with the other SLACK_CLIENT_… settings (multi-workspace mode)',
        'SLACK_STATE_SECRET is required with the other SLACK_CLIENT_… settings (multi-workspace mode)',
      ]);
    });

    it('refuses a state secret too short to sign with', () => {
      expect(problemsOf({ ...shared, ...OAUTH, SLACK_STATE_SECRET: 'short' })).toEqual([
        'SLACK_STATE_SECRET must be at least 32 random characters (it signs the OAuth state)',
      ]);
    });
  });

  it.each([
    [{ SLACK_ALERTS_CHANNEL: '#alerts' }, 'SLACK_ALERTS_CHANNEL must be a channel ID such as C0123ABCD (not a #name)'],
    [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'],
    [{ SLACK_BOT_TOKEN: 'xoxp-1234-user-token' }, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'],
    [{ PORT: 'x' }, 'PORT must be a port number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535'],
    [{ HANDOFF_SIGNING_SECRET: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'HANDOFF_SIGNING_SECRET must be a Standard Webhooks secret: whsec_ followed by base64'],
    [{ REDIS_URL: 'localhost' }, 'REDIS_URL must be a redis:// URL'],
    [{ DATABASE_URL: 'mysql://db/handoff' }, 'DATABASE_URL must be a postgresql:// URL'],
    [{ RELAY_GRACE_SECONDS: 'soon' }, 'RELAY_GRACE_SECONDS must be a number of seconds from 0 to 300'],
    [{ FILE_LINK_TTL_SECONDS: '7d' }, 'FILE_LINK_TTL_SECONDS must be a whole number of seconds from 60 to 31536000 (a year)'],
    [{ FILE_LINK_TTL_SECONDS: '10' }, 'FILE_LINK_TTL_SECONDS must be a whole number of seconds from 60 to 31536000 (a year)'],
    [
      { CUSTOMER_WEBHOOK_URL: 'ftp://bots.example.com/in', CUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET },
      'CUSTOMER_WEBHOOK_URL must be the http(s) URL of the bot platform endpoint',
    ],
  ])('refuses %j with one line saying what is expected', (set, expected) => {
    expect(problemsOf({ ...REQUIRED, ...set })).toEqual([expected]);
  });

  it('asks for CUSTOMER_WEBHOOK_SECRET when CUSTOMER_WEBHOOK_URL is set without it', () => {
    expect(problemsOf({ ...REQUIRED, CUSTOMER_WEBHOOK_URL: 'https://bots.example.com/handoff-events' })).toEqual([
      'CUSTOMER_WEBHOOK_SECRET is required when CUSTOMER_WEBHOOK_URL is set',
    ]);
  });

  it('reports the missing webhook secret together with the other problems', () => {
    const problems = problemsOf({ CUSTOMER_WEBHOOK_URL: 'https://bots.example.com/handoff-events' });
    expect(problems).toContain('CUSTOMER_WEBHOOK_SECRET is required when CUSTOMER_WEBHOOK_URL is set');
    expect(problems).toHaveLength(5);
  });

  it('treats an empty variable as unset', () => {
    const config = parseConfig({ ...REQUIRED, PORT: '', DATABASE_URL: '', REDIS_URL: '', QUEUE_PREFIX: '', CUSTOMER_WEBHOOK_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ embeddedDir: '.data/pglite', poolSize: 10 });
    expect(config.jobs.concurrency).toBe(8);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', queuePrefix: 'handoff' });
    expect(config.platform.webhookUrl).toBeUndefined();
    expect(problemsOf({ ...REQUIRED, SLACK_BOT_TOKEN: '' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is required/)]);
  });

  it('names the problems in the error message too', () => {
    expect(() => parseConfig({ ...REQUIRED, REDIS_URL: 'localhost' })).toThrow('Invalid configuration: REDIS_URL must be a redis:// URL');
  });

  describe('PLAYGROUND', () => {
    it('is off unless set, and leaves the webhooks alone', () => {
      const config = parseConfig(REQUIRED);
      expect(config.playground).toEqual({ enabled: false, repliesHere: false });
      expect(config.platform.webhookUrl).toBeUndefined();
      expect(problemsOf({ ...REQUIRED, PLAYGROUND: 'yes' })).toEqual(['PLAYGROUND must be on or off']);
    });

    it("delivers the webhooks to the playground's own route when CUSTOMER_WEBHOOK_URL is not set", () => {
      const config = parseConfig({ ...REQUIRED, PLAYGROUND: 'on', PUBLIC_URL: 'https://handoff.example.com/' });
      expect(config.playground).toEqual({ enabled: true, repliesHere: true });
      expect(config.platform.webhookUrl).toBe('https://handoff.example.com/playground/webhook');
      // Derived from HANDOFF_SIGNING_SECRET, so every replica signs and verifies with the same one.
      expect(config.platform.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(config.platform.webhookSecret).not.toBe(REQUIRED.HANDOFF_SIGNING_SECRET);
      expect(parseConfig({ ...REQUIRED, PLAYGROUND: 'on' }).platform.webhookSecret).toBe(config.platform.webhookSecret);
      expect(parseConfig({ ...REQUIRED, PLAYGROUND: 'on', CUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET }).platform.webhookSecret).toBe(WEBHOOK_SECRET);
    });

    it('keeps CUSTOMER_WEBHOOK_URL when it is set', () => {
      const config = parseConfig({ ...REQUIRED, PLAYGROUND: 'on', CUSTOMER_WEBHOOK_URL: 'https://bots.example.com/hooks', CUSTOMER_WEBHOOK_SECRET: WEBHOOK_SECRET });
      expect(config.playground).toEqual({ enabled: true, repliesHere: false });
      expect(config.platform).toMatchObject({ webhookUrl: 'https://bots.example.com/hooks', webhookSecret: WEBHOOK_SECRET });
    });

    it('asks for PUBLIC_URL when the port is picked at start-up', () => {
      expect(problemsOf({ ...REQUIRED, PLAYGROUND: 'on', PORT: '0' })).toEqual([
        "PUBLIC_URL is required with PLAYGROUND=on and PORT=0, so agents' replies can be delivered to the playground",
      ]);
      expect(parseConfig({ ...REQUIRED, PLAYGROUND: 'on', PORT: '0', PUBLIC_URL: 'http://127.0.0.1:4000' }).platform.webhookUrl).toBe('http://127.0.0.1:4000/playground/webhook');
    });
  });
});

describe('parseMigrationConfig', () => {
  it('needs only DATABASE_URL', () => {
    expect(parseMigrationConfig({ DATABASE_URL: 'postgresql://db.internal/handoff' })).toEqual({ databaseUrl: 'postgresql://db.internal/handoff' });
  });

  it.each([{}, { DATABASE_URL: '' }])('refuses %j, saying the embedded database needs no migrating', (env) => {
    expect(problemsOf(env, parseMigrationConfig)).toEqual([
      'DATABASE_URL is required: db:migrate migrates a PostgreSQL database (the embedded database migrates itself at start-up)',
    ]);
  });

  it('refuses a URL that is not PostgreSQL\'s', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://db/handoff' }, parseMigrationConfig)).toEqual(['DATABASE_URL must be a postgresql:// URL']);
  });
});

describe('ROUTING_RULES', () => {
  it('routes nothing when unset', () => {
    expect(parseConfig(REQUIRED).workspace.routingRules).toEqual([]);
  });

  it('reads each rule: conditions of one value or a list, a channel and a user group to mention', () => {
    const rules = '[{"when": {"reason": "high_value", "priority": ["high", "urgent"]}, "channel": "C0SALES", "mention": "S0SALESONCALL"}, {"when": {"channelType": "whatsapp"}, "mention": "S0MOBILE"}]';
    expect(parseConfig({ ...REQUIRED, ROUTING_RULES: rules }).workspace.routingRules).toEqual([
      { when: { reason: 'high_value', priority: ['high', 'urgent'] }, channel: 'C0SALES', mention: 'S0SALESONCALL' },
      { when: { channelType: 'whatsapp' }, mention: 'S0MOBILE' },
    ]);
  });

  it('refuses what is not JSON, saying so', () => {
    expect(problemsOf({ ...REQUIRED, ROUTING_RULES: '[{"when": ' })).toEqual([expect.stringMatching(/^ROUTING_RULES is not valid JSON \(/)]);
  });

  it('refuses JSON that is not a list of rules', () => {
    expect(problemsOf({ ...REQUIRED, ROUTING_RULES: '{"channel": "C0SALES"}' })).toEqual(['ROUTING_RULES must be a JSON array of rules']);
  });

  it('names every bad rule by its index and field', () => {
    const rules = JSON.stringify([
      { when: { reason: 'high_value' }, channel: 'C0SALES' },
      { when: { priority: ['high', 'soon'] }, channel: '#sales' },
      { when: { reason: 'other' }, mention: '@oncall' },
      { when: { reason: 'other' } },
    ]);
    expect(problemsOf({ ...REQUIRED, ROUTING_RULES: rules })).toEqual([
      'ROUTING_RULES rule 1, when.priority: must be low, normal, high, urgent, or a list of them',
      'ROUTING_RULES rule 1, channel: must be a channel ID such as C0123ABCD (not a #name)',
      'ROUTING_RULES rule 2, mention: must be a user group ID such as S0123ABCD',
      'ROUTING_RULES rule 3, channel: needs a channel, a mention or both',
    ]);
  });

  it('reads a rule on tags, one tag or a list of them', () => {
    const rules = JSON.stringify([
      { when: { tags: ' vip ' }, channel: 'C0VIP' },
      { when: { tags: ['billing', 'refund'], priority: 'urgent' }, mention: 'S0BILLING' },
      // Read as an alert's tag is, or the rule would never match the "late delivery" alerts carry.
      { when: { tags: 'late\n delivery' }, channel: 'C0LATE' },
    ]);
    expect(parseConfig({ ...REQUIRED, ROUTING_RULES: rules }).workspace.routingRules).toEqual([
      { when: { tags: 'vip' }, channel: 'C0VIP' },
      { when: { tags: ['billing', 'refund'], priority: 'urgent' }, mention: 'S0BILLING' },
      { when: { tags: 'late delivery' }, channel: 'C0LATE' },
    ]);
  });

  it('names a rule whose tags no alert could carry, and unknown fields', () => {
    const rules = JSON.stringify([
      { when: { tags: [] }, channel: 'C0SALES' },
      { when: { tags: ['vip', ' '] }, channel: 'C0SALES' },
      { when: { tags: 'x'.repeat(51) }, channel: 'C0SALES' },
      { when: { tags: 7 }, channel: 'C0SALES' },
      { when: {}, channel: 'C0SALES', room: 'x' },
    ]);
    const tags = 'must be a tag of 1 to 50 characters, or a list of them';
    expect(problemsOf({ ...REQUIRED, ROUTING_RULES: rules })).toEqual([
      `ROUTING_RULES rule 0, when.tags: ${tags}`,
      `ROUTING_RULES rule 1, when.tags.1: ${tags}`,
      `ROUTING_RULES rule 2, when.tags: ${tags}`,
      `ROUTING_RULES rule 3, when.tags: ${tags}`,
      'ROUTING_RULES rule 4, room: is not a field of a routing rule',
    ]);
  });
});

describe('AUTO_ASSIGN and AGENT_CHAT_LIMIT', () => {
  it('leaves new alerts for agents to take, five conversations each, unless set', () => {
    expect(parseConfig(REQUIRED).workspace).toMatchObject({ autoAssign: false, agentChatLimit: 5 });
    expect(parseConfig({ ...REQUIRED, AUTO_ASSIGN: 'on', AGENT_CHAT_LIMIT: '3' }).workspace).toMatchObject({ autoAssign: true, agentChatLimit: 3 });
  });

  it('names what is wrong with them', () => {
    expect(problemsOf({ ...REQUIRED, AUTO_ASSIGN: 'yes', AGENT_CHAT_LIMIT: '0' })).toEqual([
      'AUTO_ASSIGN must be on or off',
      'AGENT_CHAT_LIMIT must be a whole number of conversations from 1 to 100',
    ]);
  });
});

describe('noSlackApp', () => {
  it('holds while no Slack setting is given, empty ones included, as in a fresh copy of .env.example', () => {
    expect(noSlackApp({})).toBe(true);
    expect(noSlackApp({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', PORT: '3000' })).toBe(true);
  });

  it.each(['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID'])('ends once %s is set', (name) => {
    expect(noSlackApp({ [name]: 'set' })).toBe(false);
  });
});
