import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../faults/helpers/free-port';
import { blocksText } from '../helpers/alerts';
import { assertBuilt } from '../helpers/handoff-process';
import { ALERTS_CHANNEL, whsec, type Harness } from '../helpers/harness';
import { runNpmCommand, type CommandResult } from '../helpers/npm-command';
import { REQUIRED_SETTINGS } from '../helpers/required-settings';
import type { SlackCall } from '../helpers/slack-stand-in';
import { useHarness } from '../helpers/use-harness';

// `npm run send-test-alert` against a running Handoff, with the settings a newcomer's .env gives it.

let h: Harness;
let workDir: string;

useHarness((started) => (h = started));
beforeAll(async () => {
  assertBuilt();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-test-alert-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const sendTestAlert = (env: Record<string, string>) =>
  runNpmCommand('send-test-alert', { ...REQUIRED_SETTINGS, HANDOFF_SIGNING_SECRET: h.config.platform.signingSecret, PUBLIC_URL: h.baseUrl, ...env }, workDir);

const conversationOf = (sent: CommandResult) => /conversation (test_[0-9a-f]+)/.exec(sent.stdout)?.[1];
const isAlert = (c: SlackCall) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && c.args.thread_ts === undefined;

describe('npm run send-test-alert', () => {
  it('raises a sample alert that Handoff posts to the alerts channel', async () => {
    const sent = await sendTestAlert({});
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    const conversationId = conversationOf(sent);
    expect(sent.stdout).toBe(`handoff: test alert sent (conversation ${conversationId}); it appears in the alerts channel in a moment\n`);

    const [root] = await h.slack.waitFor(isAlert);
    expect(blocksText(root!.args.blocks)).toContain('Test Customer');
    expect(await h.app.db.conversation.findFirstOrThrow({ where: { externalId: conversationId } })).toMatchObject({ status: 'waiting' });
  });

  it('raises a new alert each time it is run', async () => {
    const first = conversationOf(await sendTestAlert({}));
    const second = conversationOf(await sendTestAlert({}));
    expect(second).not.toBe(first);
    const roots = await h.slack.waitFor(isAlert, undefined, 2);
    expect(roots).toHaveLength(2);
  });

  it('says Handoff refused it when HANDOFF_SIGNING_SECRET is not the one Handoff has', async () => {
    const sent = await sendTestAlert({ HANDOFF_SIGNING_SECRET: whsec() });
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(/^handoff: Handoff refused the test alert: 401 /);
  });

  it('says where Handoff is not answering', async () => {
    // fetch refuses the well-known low ports before trying, so a free one stands for a stopped Handoff.
    const port = await freePort();
    const sent = await sendTestAlert({ PUBLIC_URL: `http://127.0.0.1:${port}` });
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(new RegExp(`^handoff: Handoff is not answering at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\): start it with npm start`));
  });
});
