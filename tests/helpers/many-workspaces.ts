import { startHarness, type Harness } from './harness';
import type { Replicas } from './handoff-processes';
import { installWorkspace } from './slack-install';
import { ResponseUrlStandIn } from './response-url-stand-in';
import type { SlackTeam } from './slack-stand-in';

// Handoff in multi-workspace mode: the app's OAuth credentials instead of one bot token and channel.
export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'c0ffee'.repeat(6);

export function startManyWorkspaces(opts: { replicas?: Replicas; captureLogs?: boolean } = {}): Promise<Harness> {
  return startHarness(
    { SLACK_BOT_TOKEN: '', SLACK_ALERTS_CHANNEL: '', SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: 's'.repeat(40) },
    { ...opts, beforeStart: (slack) => slack.registerApp(CLIENT_ID, CLIENT_SECRET) },
  );
}

// Two of the platform's accounts, each with a Slack workspace of its own and its alerts channel there.
export const ALPHA: SlackTeam = { id: 'T0ALPHA', name: 'Alpha', botUserId: 'U0ALPHABOT', botId: 'B0ALPHA' };
export const BRAVO: SlackTeam = { id: 'T0BRAVO', name: 'Bravo', botUserId: 'U0BRAVOBOT', botId: 'B0BRAVO' };
export const ALPHA_CHANNEL = 'C0ALPHAALERTS';
export const BRAVO_CHANNEL = 'C0BRAVOALERTS';

// acct-alpha connects Alpha and acct-bravo connects Bravo, through "Add to Slack".
export async function installAlphaAndBravo(h: Harness): Promise<void> {
  for (const [account, team, alertsChannel] of [['acct-alpha', ALPHA, ALPHA_CHANNEL], ['acct-bravo', BRAVO, BRAVO_CHANNEL]] as const) {
    const page = await installWorkspace(h, account, { team, alertsChannel });
    if (page.status !== 200) throw new Error(`install of ${team.name} failed: ${page.status} ${await page.text()}`);
  }
}

// One Handoff with Alpha and Bravo installed, for every test of a file, and a stand-in for the response_urls
// their buttons answer on; Slack's stand-in must have seen no problem by the end of each test.
export function useAlphaAndBravo(started: (h: Harness) => void): ResponseUrlStandIn {
  const respond = new ResponseUrlStandIn();
  let h: Harness | undefined;
  beforeAll(async () => {
    await respond.start();
    h = await startManyWorkspaces();
    await installAlphaAndBravo(h);
    started(h);
  });
  afterAll(async () => {
    await h?.stop();
    await respond.stop();
  });
  afterEach(() => {
    expect(h!.slack.problems()).toEqual([]);
  });
  return respond;
}
