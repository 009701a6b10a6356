import type { Harness } from '../helpers/harness';
import { homeTabs, homeText, openHome } from '../helpers/slack-home';
import { openConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

// A workspace that named its agents: Alice is one, Pat is in the workspace but not on the support team.
const AGENTS = 'S0AGENTS';

let h: Harness;
useHarness((started) => (h = started), { env: { SLACK_AGENTS_USERGROUP: AGENTS } });
beforeEach(() => h.slack.setUserGroup(AGENTS, ['U0ALICE']));

describe('the App Home of a workspace that named its agents', () => {
  it('shows the queues to an agent and only a word of explanation to anyone else', async () => {
    await openConversation(h, { customer: { name: 'Priya Private' } });
    const alices = await openHome(h, 'U0ALICE');
    expect(homeText(alices)).toContain('Priya Private');
    expect(homeTabs(alices).tabs).toContain('Unassigned (1)');

    const pats = await openHome(h, 'U0PAT');
    expect(homeText(pats)).not.toContain('Priya Private');
    expect(homeText(pats)).toContain("Handoff's queues are for the support team.");
  });
});
