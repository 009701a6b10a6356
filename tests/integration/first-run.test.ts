import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppHint } from '../../src/create-app-hint';
import { assertBuilt, startHandoffProcess } from '../helpers/handoff-process';

// `npm start` in a fresh clone, before any Slack app exists: the configuration errors, then the way to an app.

let workDir: string;

beforeAll(async () => {
  assertBuilt();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-first-run-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const start = (env: Record<string, string>) => startHandoffProcess(env, { cwd: workDir, timeoutMs: 10_000 }).exited;

describe('starting Handoff with no Slack settings', () => {
  it('names what is missing, then links to creating the Slack app over Socket Mode and the README section', async () => {
    const { code, stderrLines } = await start({});
    expect(code).toBe(1);
    expect(stderrLines).toEqual([
      expect.stringMatching(/^handoff: configuration error: SLACK_SIGNING_SECRET is required/),
      expect.stringMatching(/^handoff: configuration error: HANDOFF_SIGNING_SECRET is required/),
      expect.stringMatching(/^handoff: configuration error: SLACK_BOT_TOKEN is required/),
      expect.stringMatching(/^handoff: configuration error: SLACK_ALERTS_CHANNEL is required/),
      ...createAppHint().map((line) => `handoff: ${line}`),
    ]);
  });

  it('leaves the link out once a Slack app is being set up', async () => {
    const { code, stderrLines } = await start({ SLACK_SIGNING_SECRET: 'first-run-signing-secret' });
    expect(code).toBe(1);
    expect(stderrLines).toHaveLength(3);
    expect(stderrLines.every((line) => line.startsWith('handoff: configuration error: '))).toBe(true);
  });
});
