import type { Harness } from '../helpers/harness';
import { waitForSettled } from '../helpers/settle';
import { openConversation, typeCommand, waitUntil } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';

// Alice is an agent; Pat is in the channel but in no group of the team.
const AGENTS = 'S0AGENTS';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { env: { SLACK_AGENTS_USERGROUP: AGENTS }, respond });
beforeEach(() => h.slack.setUserGroup(AGENTS, ['U0ALICE']));

const type = async (userId: string, text: string) => (await typeCommand(h, { userId, text, responseUrl: respond.url })).body!;

describe('/handoff online once the team is a user group', () => {
  it('counts an agent in', async () => {
    expect(await type('U0ALICE', 'online')).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/You are online/) });
    expect(await h.app.db.agentAvailability.findMany({ select: { userId: true, online: true } })).toEqual([{ userId: 'U0ALICE', online: true }]);
  });

  it('tells someone outside the team why not, and leaves them offline; going offline is always allowed', async () => {
    expect(await type('U0PAT', 'online')).toMatchObject({ response_type: 'ephemeral', text: 'Only the support team can take new conversations. Ask a workspace admin to add you.' });
    expect(await type('U0PAT', 'offline')).toMatchObject({ text: expect.stringMatching(/You are offline/) });
    expect(await h.app.db.agentAvailability.findUnique({ where: { workspaceId_userId: { workspaceId: (await h.app.db.workspace.findFirstOrThrow()).id, userId: 'U0PAT' } } })).toMatchObject({ online: false });
  });
});

describe('/handoff lists once the team is a user group', () => {
  it('shows the queue, a search and the stats to an agent', async () => {
    await openConversation(h, { customer: { name: 'Quinn Queued' } });
    // Lists are answered by response_url after an empty acknowledgement.
    expect(await typeCommand(h, { userId: 'U0ALICE', text: 'queue', responseUrl: respond.url })).toMatchObject({ status: 200, body: null });
    await waitUntil(() => respond.responses().some((r) => JSON.stringify(r).includes('Quinn Queued')));
  });

  it('never shows someone outside the team a customer, and tells them why', async () => {
    await openConversation(h, { customer: { name: 'Olga Outsider-Proof' } });
    for (const text of ['mine', 'queue', 'search Olga', 'stats week']) {
      expect(await type('U0PAT', text)).toMatchObject({ response_type: 'ephemeral', text: 'Only the support team can see the conversations. Ask a workspace admin to add you.' });
    }
    await waitForSettled(h);
    expect(respond.responses().some((r) => JSON.stringify(r).includes('Olga'))).toBe(false);
  });
});
