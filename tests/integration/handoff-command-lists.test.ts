import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { listedBy } from '../helpers/command-lists';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, pressButton, waitUntil, type OpenConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { ACTIONS } from '../../src/slack/ids';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

// The agents whose conversations are listed, mentioned as their assignees.
const listed = (userId: string, text: string) => listedBy(h, respond, { userId, text }, ['U0ALICE', 'U0DAN']);

function takeOver(c: OpenConversation, userId: string): Promise<void> {
  return pressButton(h, { actionId: ACTIONS.takeOver, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });
}

describe('/handoff queue and mine', () => {
  it('says so when nothing is waiting and nothing is yours', async () => {
    expect((await listed('U0ALICE', 'queue')).message.text).toBe('Nobody is waiting for an agent.');
    expect((await listed('U0ALICE', 'mine')).message.text).toBe('You have no open conversations.');
  });

  it('lists the conversations waiting for an agent, oldest first, each with a link to its thread', async () => {
    const first = await openConversation(h, { reason: 'human_request', priority: 'urgent' });
    const taken = await openConversation(h);
    const second = await openConversation(h);
    await takeOver(taken, 'U0BOB');
    const { message, rows } = await listed('U0ALICE', 'queue');
    expect(message.text).toBe('Waiting for an agent: 2');
    expect(rows.map((r) => r.name)).toEqual([first.customerName, second.customerName]);
    expect(rows[0]!.text).toMatch(new RegExp(`^${first.customerName} · human request · Urgent priority · under 1m old · unassigned · Open thread$`));
    expect(rows[0]!.link).toBe(`https://acme.slack.com/archives/C0ALERTS/p${first.rootTs.replace('.', '')}`);
    expect(h.slack.calls('chat.getPermalink').map((c) => c.args.message_ts).sort()).toEqual([first.rootTs, second.rootTs].sort());
  });

  it("lists the agent's own open conversations with who has them and their tags, not a colleague's", async () => {
    const mine = await openConversation(h, { priority: 'low' });
    const theirs = await openConversation(h);
    await takeOver(mine, 'U0ALICE');
    await takeOver(theirs, 'U0BOB');
    await h.app.db.conversation.update({ where: { id: mine.id }, data: { tags: ['refund', 'vip'] } });
    const { message, rows } = await listed('U0ALICE', 'mine');
    expect(message.text).toBe('Your open conversations: 1');
    expect(rows).toEqual([expect.objectContaining({ name: mine.customerName, assignee: 'U0ALICE' })]);
    expect(rows[0]!.text).toContain('Low priority');
    expect(rows[0]!.text).toContain(' · tags: refund, vip · ');
  });

  it('shows a customer named like a broadcast as plain text that pings and formats nothing', async () => {
    const alert = alertBody({ customer: { name: '<!channel> *bold*' } });
    expect((await h.platformRequest('/api/v1/handoffs', alert)).status).toBe(202);
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { externalId: alert.conversationId as string, slackThreadTs: { not: null } } })) === 1);
    const { rows } = await listed('U0ALICE', 'queue');
    expect(rows.map((r) => r.name)).toContain('(!channel) *bold*');
    expect(rows.find((r) => r.name === '(!channel) *bold*')!.link).toMatch(/^https:/);
  });

  it('lists ten at most and says how many more there are', async () => {
    for (let i = 0; i < 9; i++) await openConversation(h);
    const waiting = await h.app.db.conversation.count({ where: { status: 'waiting', assigneeId: null } });
    expect(waiting).toBeGreaterThan(10);
    const { message, rows } = await listed('U0ALICE', 'queue');
    expect(message.text).toBe(`Waiting for an agent: ${waiting}`);
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(message.blocks)).toContain(`…and ${waiting - 10} more, not shown.`);
  });

  it('lists a conversation without a link when Slack gives none', async () => {
    const c = await openConversation(h);
    await takeOver(c, 'U0DAN');
    h.slack.failNext('chat.getPermalink', { error: 'message_not_found' });
    const { rows } = await listed('U0DAN', 'mine');
    expect(rows).toEqual([expect.objectContaining({ name: c.customerName, link: undefined })]);
  });
});
