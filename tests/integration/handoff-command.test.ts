import type { Harness } from '../helpers/harness';
import { messageProblems } from '../helpers/block-kit';
import { findPings } from '../helpers/slack-pings';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, pressButton, typeCommand } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { ACTIONS } from '../../src/slack/ids';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

// Typed by `userId`; the answer Slack shows at once, checked against Block Kit before anything else.
async function answeredAtOnce(userId: string, text: string): Promise<Record<string, unknown>> {
  const res = await typeCommand(h, { userId, text, responseUrl: respond.url });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ response_type: 'ephemeral' });
  expect(messageProblems(res.body!)).toEqual([]);
  return res.body!;
}

const shown = (message: Record<string, unknown>) => JSON.stringify(message.blocks);

describe('/handoff help', () => {
  it.each(['', 'help', '  HELP  '])('lists what the command does for %j', async (text) => {
    const answer = await answeredAtOnce('U0ALICE', text);
    for (const sub of ['online', 'offline', 'status', 'mine', 'queue', 'search', 'stats']) expect(shown(answer)).toContain(`/handoff ${sub}`);
  });

  it('says an unknown subcommand was not known, as plain text, and lists what there is', async () => {
    const answer = await answeredAtOnce('U0ALICE', 'frobnicate <!channel> *now*');
    expect(shown(answer)).toContain('Handoff does not know \\"/handoff frobnicate (!channel) *now*\\"');
    expect(shown(answer)).toContain('/handoff queue');
    expect(findPings(JSON.stringify(answer))).toEqual([]);
  });
});

describe('/handoff online, offline and status', () => {
  it('is offline until the agent says otherwise', async () => {
    const answer = await answeredAtOnce('U0NEWCOMER', 'status');
    expect(answer.text).toMatch(/You are offline\. You have no open conversations\./);
  });

  it('goes online and offline, and status says which, per agent', async () => {
    expect((await answeredAtOnce('U0ALICE', 'online')).text).toMatch(/You are online/);
    expect((await answeredAtOnce('U0ALICE', 'status')).text).toMatch(/You are online since/);
    expect((await answeredAtOnce('U0BOB', 'status')).text).toMatch(/You are offline\./);
    expect((await answeredAtOnce('U0ALICE', 'offline')).text).toMatch(/You are offline/);
    expect((await answeredAtOnce('U0ALICE', 'status')).text).toMatch(/You are offline since/);
    const workspace = await h.app.db.workspace.findFirstOrThrow();
    expect(await h.app.db.agentAvailability.findMany({ where: { workspaceId: workspace.id }, select: { userId: true, online: true } })).toEqual([
      { userId: 'U0ALICE', online: false },
    ]);
  });

  it('counts the conversations the agent has taken over, not the waiting or closed ones', async () => {
    const taken = [await openConversation(h), await openConversation(h)];
    const closed = await openConversation(h);
    await openConversation(h);
    for (const c of [...taken, closed]) await pressButton(h, { actionId: ACTIONS.takeOver, value: c.id, userId: 'U0CAROL', rootTs: c.rootTs, responseUrl: respond.url });
    await pressButton(h, { actionId: ACTIONS.close, value: closed.id, userId: 'U0CAROL', rootTs: closed.rootTs, responseUrl: respond.url });
    expect((await answeredAtOnce('U0CAROL', 'status')).text).toMatch(/You have 2 open conversations/);
  });
});
