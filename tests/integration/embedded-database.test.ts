import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readMigrations } from '../../src/db/migrate';
import { alertBody } from '../helpers/alerts';
import { assertBuilt, startHandoffProcess } from '../helpers/handoff-process';
import { ALERTS_CHANNEL } from '../helpers/harness';
import { TEST_REDIS_URL } from '../helpers/services';
import { SlackStandIn, type SlackCall } from '../helpers/slack-stand-in';
import { signPlatformRequest } from '../helpers/standard-webhooks';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';

// PGlite loads its WebAssembly with import(), which jest's module sandbox refuses without
// --experimental-vm-modules. So Handoff runs as the built app in its own process (main → startHandoff),
// and the data directory is read by a separate Node process once Handoff has stopped.

// The first start runs initdb inside PGlite, which takes several seconds on a small machine.
jest.setTimeout(120_000);

const REPO_ROOT = path.resolve(__dirname, '../..');
const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const READ_MIGRATIONS_SCRIPT = `
import('@electric-sql/pglite').then(async ({ PGlite }) => {
  const db = await PGlite.create(process.argv[1]);
  const { rows } = await db.query('SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name');
  process.stdout.write(JSON.stringify(rows));
  await db.close();
});`;

let workDir: string;
let slack: SlackStandIn;
const queuePrefix = uniqueQueuePrefix();

beforeAll(async () => {
  assertBuilt();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-embedded-'));
  slack = new SlackStandIn();
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  await clearQueuePrefix(queuePrefix);
  await rm(workDir, { recursive: true, force: true });
});

// No DATABASE_URL: Handoff keeps its data in EMBEDDED_DATABASE_DIR.
function embeddedEnv(): Record<string, string> {
  return {
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-embedded-test',
    SLACK_SIGNING_SECRET: 'embedded-test-signing-secret',
    SLACK_ALERTS_CHANNEL: ALERTS_CHANNEL,
    SLACK_API_URL: slack.url,
    EMBEDDED_DATABASE_DIR: path.join(workDir, 'data'),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    HANDOFF_SIGNING_SECRET: SIGNING_SECRET,
    JOB_BACKOFF_MS: '50',
  };
}

// Runs Handoff until `use` is done with it, then stops it with SIGTERM as an orchestrator would.
async function withHandoff(use: (baseUrl: string) => Promise<void>): Promise<void> {
  const handoff = startHandoffProcess(embeddedEnv(), { cwd: workDir, timeoutMs: 90_000 });
  try {
    await use(`http://127.0.0.1:${await handoff.listening}`);
  } finally {
    handoff.kill('SIGTERM');
  }
  const { code, stderrLines } = await handoff.exited;
  expect(stderrLines).toEqual([]);
  expect(code).toBe(0);
}

function sendAlert(baseUrl: string, body: Record<string, unknown>, webhookId: string): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${baseUrl}/api/v1/handoffs`, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', ...signPlatformRequest(SIGNING_SECRET, raw, { id: webhookId }) },
  });
}

async function appliedMigrations(): Promise<{ id: string; migration_name: string }[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', READ_MIGRATIONS_SCRIPT, path.join(workDir, 'data')], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as { id: string; migration_name: string }[];
}

const isRoot = (c: SlackCall) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

describe('the embedded database (no DATABASE_URL)', () => {
  it('keeps conversations across a restart and applies migrations only once', async () => {
    const body = alertBody();
    let rootTs = '';
    await withHandoff(async (baseUrl) => {
      const res = await sendAlert(baseUrl, body, 'msg_embedded_1');
      expect(res.status).toBe(202);
      const [root] = await slack.waitFor(isRoot, 10_000);
      rootTs = (root!.response as { ts: string }).ts;
      // Stop only once the transcript is in the thread too, so no job is cut short.
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs, 10_000);
    });
    const migrations = await appliedMigrations();
    expect(migrations.map((m) => m.migration_name)).toEqual((await readMigrations()).map((m) => m.name));

    await withHandoff(async (baseUrl) => {
      const redelivered = await sendAlert(baseUrl, body, 'msg_embedded_1');
      expect(redelivered.status).toBe(202);
      expect(await redelivered.json()).toEqual({ conversationId: body.conversationId, status: 'waiting', agentsAvailable: true });

      const again = await sendAlert(baseUrl, { ...body, priority: 'urgent' }, 'msg_embedded_2');
      expect(again.status).toBe(202);
      // The conversation was remembered: the new alert goes into the existing thread, not a new one.
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === rootTs && String(c.args.text).includes('New alert'), 10_000);
      await slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === rootTs, 10_000);
    });
    expect(slack.calls('chat.postMessage').filter(isRoot)).toHaveLength(1);
    expect(slack.problems()).toEqual([]);
    expect(await appliedMigrations()).toEqual(migrations);
  });
});
