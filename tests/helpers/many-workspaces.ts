import { startHarness, type Harness } from './harness';
import type { Replicas } from './handoff-processes';

// Handoff in multi-workspace mode: the app's OAuth credentials instead of one bot token and channel.
export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'c0ffee'.repeat(6);

export function startManyWorkspaces(opts: { replicas?: Replicas; captureLogs?: boolean } = {}): Promise<Harness> {
  return startHarness(
    { SLACK_BOT_TOKEN: '', SLACK_ALERTS_CHANNEL: '', SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: 's'.repeat(40) },
    { ...opts, beforeStart: (slack) => slack.registerApp(CLIENT_ID, CLIENT_SECRET) },
  );
}
