import { decided, onlineAre } from '../helpers/auto-assign';
import type { Harness } from '../helpers/harness';
import { openConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

const AGENTS = 'S0AGENTS';

let h: Harness;
useHarness((started) => (h = started), { env: { AUTO_ASSIGN: 'on', SLACK_AGENTS_USERGROUP: AGENTS } });

describe('assigning new alerts automatically with an agents group', () => {
  beforeEach(() => h.slack.setUserGroup(AGENTS, ['U0INTEAM']));

  it('gives a new alert only to an online member of the agents group, however idle the others are', async () => {
    // The outsider would win the tie: equal loads go to the lowest user id.
    await onlineAre(h, 'U0AOUTSIDER', 'U0INTEAM');
    const c = await openConversation(h);
    expect(await decided(h, c.externalId)).toMatchObject({ status: 'human', assigneeId: 'U0INTEAM' });
  });

  it('leaves it waiting when only people outside the group are online', async () => {
    await onlineAre(h, 'U0AOUTSIDER');
    const c = await openConversation(h);
    expect(await decided(h, c.externalId)).toMatchObject({ status: 'waiting', assigneeId: null });
  });
});
