import type { Harness } from '../helpers/harness';
import { ALPHA, ALPHA_CHANNEL, BRAVO, useAlphaAndBravo } from '../helpers/many-workspaces';
import { homeTabs, homeText, nextHome, openHome, pressAndWait } from '../helpers/slack-home';
import { waitForSettled } from '../helpers/settle';
import { openConversation, pressButton, waitUntil } from '../helpers/slack-user';

// Two workspaces on one Handoff: each person's Home shows only their own workspace's conversations.
const ALPHA_AGENT = 'U0ALPHAAGENT';
const BRAVO_AGENT = 'U0BRAVOAGENT';

let h: Harness;
const respond = useAlphaAndBravo((started) => (h = started));

describe('the App Home with many workspaces', () => {
  it('never shows a person in one workspace the conversations of another, nor lets them take one over', async () => {
    const alphas = await openConversation(h, { account: 'acct-alpha', customer: { name: 'Alma Alpha' } }, ALPHA_CHANNEL);

    const alphaHome = await openHome(h, ALPHA_AGENT, { teamId: ALPHA.id });
    expect(homeText(alphaHome)).toContain('Alma Alpha');
    expect(homeTabs(alphaHome).tabs).toContain('Unassigned (1)');

    const bravoHome = await openHome(h, BRAVO_AGENT, { teamId: BRAVO.id });
    expect(homeText(bravoHome)).not.toContain('Alma Alpha');
    expect(homeTabs(bravoHome).tabs).toEqual(['Mine (0)', 'Unassigned (0)', 'Open (0)', 'With AI (0)', 'Closed (0)']);
    const bravoPublish = h.slack.calls('views.publish').find((c) => c.args.user_id === BRAVO_AGENT)!;
    expect(bravoPublish.token).toBe(h.slack.tokensOf(BRAVO)[0]);

    // A press naming Alpha's conversation from Bravo's Home is a press naming nothing.
    const refused = await pressAndWait(h, bravoHome, BRAVO_AGENT, { actionId: 'home_take_over', value: alphas.id }, BRAVO.id);
    expect(homeText(refused)).toContain('This conversation is no longer in Handoff.');
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: alphas.id } })).toMatchObject({ status: 'waiting', assigneeId: null });
  });

  it('shows a change in one workspace on that workspace\'s open Homes only', async () => {
    const alphas = await openConversation(h, { account: 'acct-alpha', customer: { name: 'Abe Alpha' } }, ALPHA_CHANNEL);
    await openHome(h, ALPHA_AGENT, { teamId: ALPHA.id });
    await openHome(h, BRAVO_AGENT, { teamId: BRAVO.id });
    const publishes = (userId: string) => h.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length;
    const [alphaSeen, bravoSeen] = [publishes(ALPHA_AGENT), publishes(BRAVO_AGENT)];

    await pressButton(h, { actionId: 'conversation_take_over', value: alphas.id, userId: ALPHA_AGENT, rootTs: alphas.rootTs, responseUrl: respond.url, teamId: ALPHA.id, channel: ALPHA_CHANNEL });
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: alphas.id } })).assigneeId === ALPHA_AGENT);
    const refreshed = await nextHome(h, ALPHA_AGENT, alphaSeen);
    expect(homeTabs(refreshed).tabs).toContain('Mine (1)');
    await waitForSettled(h);
    expect(publishes(BRAVO_AGENT)).toBe(bravoSeen);
  });
});
