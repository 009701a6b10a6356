import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, startHandoffProcess } from '../helpers/handoff-process';
import { ALERTS_CHANNEL } from '../helpers/harness';
import { TEST_REDIS_URL } from '../helpers/services';
import { SlackStandIn } from '../helpers/slack-stand-in';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';

let workDir: string;
let slack: SlackStandIn;
let database: TestDatabase;
const queuePrefix = uniqueQueuePrefix();

beforeAll(async () => {
  assertBuilt();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-startup-'));
  slack = new SlackStandIn();
  await slack.start();
  database = await createTestDatabase();
});
afterAll(async () => {
  await slack.stop();
  await database.drop();
  await clearQueuePrefix(queuePrefix);
  await rm(workDir, { recursive: true, force: true });
});
afterEach(() => slack.reset());

// Everything a working deployment sets, pointing at the local stand-ins; tests remove or break one piece.
function goodEnv(): Record<string, string> {
  return {
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-startup-test',
    SLACK_SIGNING_SECRET: 'startup-test-signing-secret',
    SLACK_ALERTS_CHANNEL: ALERTS_CHANNEL,
    SLACK_API_URL: slack.url,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    HANDOFF_SIGNING_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    LOG_LEVEL: 'info',
  };
}

function without(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
}

function start(env: Record<string, string>, timeoutMs: number) {
  return startHandoffProcess(env, { cwd: workDir, timeoutMs });
}

describe('starting Handoff', () => {
  it('stops with one line naming SLACK_BOT_TOKEN when it is not set', async () => {
    const { code, stderrLines } = await start(without(goodEnv(), 'SLACK_BOT_TOKEN'), 5000).exited;
    expect(code).toBe(1);
    expect(stderrLines).toEqual([expect.stringMatching(/SLACK_BOT_TOKEN is required/)]);
  });

  it('lists each configuration problem on its own line', async () => {
    const env = { ...without(goodEnv(), 'SLACK_BOT_TOKEN'), SLACK_ALERTS_CHANNEL: '#alerts', REDIS_URL: 'localhost' };
    const { code, stderrLines } = await start(env, 5000).exited;
    expect(code).toBe(1);
    expect(stderrLines).toHaveLength(3);
    expect(stderrLines.find((l) => l.includes('SLACK_BOT_TOKEN'))).toMatch(/is required/);
    expect(stderrLines.find((l) => l.includes('SLACK_ALERTS_CHANNEL'))).toMatch(/channel ID/);
    expect(stderrLines.find((l) => l.includes('REDIS_URL'))).toMatch(/redis:\/\//);
  });

  it('stops and says so when Slack refuses the bot token', async () => {
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const { code, stderrLines } = await start(goodEnv(), 10_000).exited;
    expect(code).toBe(1);
    expect(stderrLines).toContainEqual(expect.stringMatching(/SLACK_BOT_TOKEN.*invalid_auth/));
  });

  it('starts anyway when Redis cannot be reached, warns naming REDIS_URL, and is not ready until it is', async () => {
    const handoff = start({ ...goodEnv(), REDIS_URL: 'redis://127.0.0.1:1' }, 20_000);
    const port = await handoff.listening;
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ database: 'up', redis: 'down' });
    handoff.kill('SIGTERM');
    const { code, stdout } = await handoff.exited;
    expect(code).toBe(0);
    const warning = stdout.split('\n').find((line) => line.includes('Redis is unreachable at REDIS_URL'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, redisUrl: 'redis://127.0.0.1:1' });
  }, 30_000);

  it('stops with one line naming DATABASE_URL when PostgreSQL cannot be reached', async () => {
    const { code, stderrLines } = await start({ ...goodEnv(), DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/handoff' }, 20_000).exited;
    expect(code).toBe(1);
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/DATABASE_URL/);
  }, 30_000);

  it('answers the health check, then exits cleanly on SIGTERM', async () => {
    const handoff = start(goodEnv(), 20_000);
    const port = await handoff.listening;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    handoff.kill('SIGTERM');
    const { code, stderrLines } = await handoff.exited;
    expect(code).toBe(0);
    expect(stderrLines).toEqual([]);
  });
});
