import type { Harness } from '../helpers/harness';
import { listedBy } from '../helpers/command-lists';
import { startManyWorkspaces } from '../helpers/many-workspaces';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { installWorkspace } from '../helpers/slack-install';
import type { SlackTeam } from '../helpers/slack-stand-in';
import { openConversation, typeCommand } from '../helpers/slack-user';

// Two workspaces on one Handoff: what /handoff lists in one never comes from the other.
const ALPHA: SlackTeam = { id: 'T0ALPHA', name: 'Alpha', botUserId: 'U0ALPHABOT', botId: 'B0ALPHA' };
const BRAVO: SlackTeam = { id: 'T0BRAVO', name: 'Bravo', botUserId: 'U0BRAVOBOT', botId: 'B0BRAVO' };
const CHANNEL = { [ALPHA.id]: 'C0ALPHAALERTS', [BRAVO.id]: 'C0BRAVOALERTS' };

let h: Harness;
const respond = new ResponseUrlStandIn();

beforeAll(async () => {
  await respond.start();
  h = await startManyWorkspaces();
  for (const [account, team] of [['acct-alpha', ALPHA], ['acct-bravo', BRAVO]] as const) {
    const page = await installWorkspace(h, account, { team, alertsChannel: CHANNEL[team.id]! });
    if (page.status !== 200) throw new Error(`install of ${team.name} failed: ${page.status} ${await page.text()}`);
  }
});
afterAll(async () => {
  await h?.stop();
  await respond.stop();
});
afterEach(() => expect(h.slack.problems()).toEqual([]));

describe('/handoff with many workspaces', () => {
  it("lists, searches and adds up only the typing person's own workspace, asking its own Slack for links", async () => {
    const alpha = await openConversation(h, { account: 'acct-alpha', customer: { name: 'Shared Name Alpha' } }, CHANNEL[ALPHA.id]);
    const bravo = await openConversation(h, { account: 'acct-bravo', customer: { name: 'Shared Name Bravo' } }, CHANNEL[BRAVO.id]);
    const inBravo = { userId: 'U0BRAVOAGENT', teamId: BRAVO.id, channel: CHANNEL[BRAVO.id] };
    expect((await listedBy(h, respond, { ...inBravo, text: 'queue' })).rows.map((r) => r.name)).toEqual([bravo.customerName]);
    expect((await listedBy(h, respond, { ...inBravo, text: 'search shared name' })).rows.map((r) => r.name)).toEqual([bravo.customerName]);
    const links = h.slack.calls('chat.getPermalink');
    expect(links.map((c) => [c.args.channel, c.token])).toEqual([
      [CHANNEL[BRAVO.id], h.slack.tokensOf(BRAVO)[0]],
      [CHANNEL[BRAVO.id], h.slack.tokensOf(BRAVO)[0]],
    ]);
    expect(links.map((c) => c.args.message_ts)).not.toContain(alpha.rootTs);
    await typeCommand(h, { ...inBravo, text: 'stats', responseUrl: respond.url });
    const [stats] = await respond.waitFor();
    expect(stats!.text).toBe('Handoff stats for today (UTC): 1 alert, 1 open now');
  });

  it('keeps the same person available in one workspace and not the other', async () => {
    const same = { userId: 'U0BOTH', responseUrl: respond.url };
    await typeCommand(h, { ...same, teamId: ALPHA.id, channel: CHANNEL[ALPHA.id], text: 'online' });
    expect((await typeCommand(h, { ...same, teamId: BRAVO.id, channel: CHANNEL[BRAVO.id], text: 'status' })).body).toMatchObject({ text: expect.stringMatching(/^:white_circle: You are offline\./) });
    expect((await typeCommand(h, { ...same, teamId: ALPHA.id, channel: CHANNEL[ALPHA.id], text: 'status' })).body).toMatchObject({ text: expect.stringMatching(/^:large_green_circle: You are online since/) });
  });
});
