import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { nextMessageTs, openThread, sendEvent } from '../helpers/slack-user';

const SHUTDOWN_TIMEOUT_MS = 1000;
// Far longer than the bound: the delivery in hand cannot finish before the process must go.
const PLATFORM_SILENT_MS = 30_000;
// What a loaded machine may add to the bound between the signal and the exit being seen.
const SLACK_MS = 4000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) }, { replicas: { web: 1, workers: 1 } });
});
afterAll(() => h.stop());

it('exits 1 once SHUTDOWN_TIMEOUT_MS has passed with work still in hand, and says so', async () => {
  const { threadTs } = await openThread(h);
  h.platform.hang(PLATFORM_SILENT_MS);
  await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, user: 'U0AGENT1', text: 'Let me check that for you.', ts: nextMessageTs(), thread_ts: threadTs });
  // The worker is now waiting for the platform's answer.
  await h.platform.waitFor(() => true);
  const [worker] = h.replicas.filter((r) => r.role === 'worker');
  const signalled = Date.now();
  worker!.kill('SIGTERM');
  const exit = await worker!.exited;
  expect(exit.code).toBe(1);
  expect(Date.now() - signalled).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
  expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + SLACK_MS);
  expect(exit.stdout).toContain('did not finish within SHUTDOWN_TIMEOUT_MS');
});
