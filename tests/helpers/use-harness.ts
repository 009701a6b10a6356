import { startHarness, type Harness } from './harness';
import type { ResponseUrlStandIn } from './response-url-stand-in';

// One running Handoff for a test file: started before its tests, stopped after them, and after each test
// every Slack call and platform delivery checked against its contract, then forgotten. `onStart` hands the
// harness to the file, which keeps it in its own `h`.
export function useHarness(
  onStart: (h: Harness) => void,
  opts: { env?: Record<string, string>; respond?: ResponseUrlStandIn; captureLogs?: boolean; replicas?: { web: number; workers: number } } = {},
): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(opts.env, { captureLogs: opts.captureLogs, ...(opts.replicas && { replicas: opts.replicas }) });
    onStart(h);
    await opts.respond?.start();
  });
  afterAll(async () => {
    await opts.respond?.stop();
    await h?.stop();
  });
  afterEach(() => {
    expect(h!.slack.problems()).toEqual([]);
    expect(h!.platform.problems()).toEqual([]);
    h!.slack.reset();
    h!.platform.reset();
    opts.respond?.reset();
  });
}
