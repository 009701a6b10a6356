import type { Harness } from '../helpers/harness';
import { startManyWorkspaces } from '../helpers/many-workspaces';
import { installWorkspace } from '../helpers/slack-install';
import type { SlackTeam } from '../helpers/slack-stand-in';
import { openConversation } from '../helpers/slack-user';

// Many workspaces with two web and two worker processes: a rotating token is refreshed by one of them, once.
const ECHO: SlackTeam = { id: 'T0ECHO', name: 'Echo', botUserId: 'U0ECHOBOT', botId: 'B0ECHO' };

let h: Harness;

beforeAll(async () => {
  h = await startManyWorkspaces({ replicas: { web: 2, workers: 2 } });
});
afterAll(() => h?.stop());

it('refreshes a rotating token once across replicas, and every replica posts with the new one', async () => {
  const page = await installWorkspace(h, 'acct-echo', { team: ECHO, alertsChannel: 'C0ECHO', rotatingSeconds: 12 * 3600 });
  expect(page.status).toBe(200);
  // Eleven hours on: the token is inside the two hours ahead at which it is refreshed.
  await h.app.db.workspace.update({ where: { slackTeamId: ECHO.id }, data: { botTokenExpiresAt: new Date(Date.now() + 3600_000) } });

  const alerts = await Promise.all(Array.from({ length: 12 }, () => openConversation(h, { account: 'acct-echo' }, 'C0ECHO')));
  const refreshes = h.slack.calls('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
  expect(refreshes.map((c) => c.response.ok)).toEqual([true]);
  const [, refreshed] = h.slack.tokensOf(ECHO);
  const roots = h.slack.calls('chat.postMessage').filter((c) => !c.args.thread_ts && alerts.some((a) => String(c.args.text).includes(a.customerName)));
  expect(roots).toHaveLength(12);
  expect(new Set(roots.map((c) => c.token))).toEqual(new Set([refreshed]));
});
