import { lockAutoAssignments } from '../../src/db/repositories/auto-assign';
import { inTransaction } from '../../src/db/transaction';
import { alertBody } from '../helpers/alerts';
import { onlineAre } from '../helpers/auto-assign';
import type { Harness } from '../helpers/harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { BOT_USER_ID } from '../helpers/slack-stand-in';
import { openHome, pressAndWait } from '../helpers/slack-home';
import { openConversation, pressButton, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
import { useHarness } from '../helpers/use-harness';
import { ACTIONS } from '../../src/slack/ids';

let h: Harness;
const respond = new ResponseUrlStandIn();
useHarness((started) => (h = started), { respond, env: { AUTO_ASSIGN: 'on', AGENT_CHAT_LIMIT: '2' } });

const workspace = () => ({ id: h.app.tenancy!.workspaceId });

async function goOnline(userId: string): Promise<void> {
  expect((await typeCommand(h, { userId, text: 'online', responseUrl: respond.url })).status).toBe(200);
}

// Conversations nobody could take when they came in: everyone was offline.
async function waitingWhileEveryoneIsOffline(...overrides: Record<string, unknown>[]): Promise<OpenConversation[]> {
  await onlineAre(h);
  const opened: OpenConversation[] = [];
  for (const o of overrides) opened.push(await openConversation(h, o));
  await waitForSettled(h);
  return opened;
}

// Transactions of this database waiting for an advisory lock another one holds.
async function waitingForLocks(): Promise<number> {
  const [row] = await h.app.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  return row!.n;
}

const rowOf = (c: OpenConversation) => h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } });
const assignmentsOf = (c: OpenConversation) => h.app.db.conversationEvent.count({ where: { conversationId: c.id, type: 'assigned' } });

describe('an agent coming online picks up what is waiting', () => {
  // Each test starts with nothing left waiting or held from the one before.
  beforeEach(async () => {
    await h.app.db.conversation.updateMany({ where: { status: { in: ['waiting', 'human'] } }, data: { status: 'closed' } });
    await h.app.db.workspace.update({ where: workspace(), data: { autoAssign: true, agentChatLimit: 2 } });
  });

  it('gives the agent the most urgent, then the longest waiting, up to their chat limit, each as an automatic assignment', async () => {
    const [older, newer, urgent] = await waitingWhileEveryoneIsOffline({ priority: 'normal' }, { priority: 'normal' }, { priority: 'urgent' });
    await goOnline('U0ANA');
    await waitForSettled(h);

    expect(await rowOf(urgent!)).toMatchObject({ status: 'human', assigneeId: 'U0ANA' });
    expect(await rowOf(older!)).toMatchObject({ status: 'human', assigneeId: 'U0ANA' });
    expect(await rowOf(newer!)).toMatchObject({ status: 'waiting', assigneeId: null });
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === urgent!.rootTs && String(call.args.text).includes(`<@${BOT_USER_ID}> assigned this to <@U0ANA>`));
    const [assigned] = await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'conversation.assigned' && (d.body as { conversationId: string }).conversationId === urgent!.externalId);
    expect(assigned!.body).toMatchObject({ data: { status: 'human', assigneeId: 'U0ANA' } });
    const [opened] = await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0ANA');
    const dmChannel = (opened!.response as { channel: { id: string } }).channel.id;
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === dmChannel && String(call.args.text).includes(urgent!.customerName));
  });

  it('gives one waiting conversation to one of two agents coming online together, once', async () => {
    const [only] = await waitingWhileEveryoneIsOffline({});
    // One from /handoff, the other from the App Home toggle, at the same moment.
    const home = await openHome(h, 'U0CAL');
    await Promise.all([goOnline('U0BEA'), pressAndWait(h, home, 'U0CAL', { actionId: 'home_availability', value: 'online' })]);
    await waitForSettled(h);
    const row = await rowOf(only!);
    expect(row.status).toBe('human');
    expect(['U0BEA', 'U0CAL']).toContain(row.assigneeId);
    expect(await assignmentsOf(only!)).toBe(1);
  });

  it('never fills anyone past the limit when two agents come online together', async () => {
    await h.app.db.workspace.update({ where: workspace(), data: { agentChatLimit: 1 } });
    const waiting = await waitingWhileEveryoneIsOffline({}, {}, {});
    await Promise.all([goOnline('U0DEV'), goOnline('U0ELI')]);
    await waitForSettled(h);
    const rows = await Promise.all(waiting.map(rowOf));
    expect(rows.map((r) => r.assigneeId).filter((a) => a !== null).sort()).toEqual(['U0DEV', 'U0ELI']);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(1);
    for (const c of waiting) expect(await assignmentsOf(c)).toBeLessThanOrEqual(1);
  });

  it('gives an agent\'s one free slot either to what waits or to an alert arriving as they come online, never both', async () => {
    await h.app.db.workspace.update({ where: workspace(), data: { agentChatLimit: 1 } });
    const [waiting] = await waitingWhileEveryoneIsOffline({});
    const alert = alertBody();
    const [, answer] = await Promise.all([goOnline('U0IDA'), h.platformRequest('/api/v1/handoffs', alert)]);
    expect(answer.status).toBe(202);
    await waitForSettled(h);
    expect(await h.app.db.conversation.count({ where: { assigneeId: 'U0IDA', status: 'human' } })).toBe(1);
    const arrived = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: alert.conversationId as string } });
    expect([(await rowOf(waiting!)).status, arrived.status].sort()).toEqual(['human', 'waiting']);
  });

  it('gives an agent at the limit the next waiting conversation once they close one', async () => {
    await h.app.db.workspace.update({ where: workspace(), data: { agentChatLimit: 1 } });
    const [first, second] = await waitingWhileEveryoneIsOffline({}, {});
    await goOnline('U0FAY');
    await waitForSettled(h);
    expect(await rowOf(first!)).toMatchObject({ assigneeId: 'U0FAY' });
    expect(await rowOf(second!)).toMatchObject({ status: 'waiting' });

    await pressButton(h, { actionId: ACTIONS.close, value: first!.id, userId: 'U0FAY', rootTs: first!.rootTs, responseUrl: respond.url });
    await waitForSettled(h);
    expect(await rowOf(first!)).toMatchObject({ status: 'closed' });
    expect(await rowOf(second!)).toMatchObject({ status: 'human', assigneeId: 'U0FAY' });
  });

  it.each([
    ['a later alert brings it back', (c: OpenConversation) => h.platformRequest('/api/v1/handoffs', { conversationId: c.externalId, reason: 'frustration' })],
    ['a supervisor reopens it', (c: OpenConversation) => pressButton(h, { actionId: ACTIONS.reopen, value: c.id, userId: 'U0LEAD', rootTs: c.rootTs, responseUrl: respond.url })],
  ])('gives a closed conversation to an agent with room when %s, as a new alert would be', async (_, bringBack) => {
    const [closed] = await waitingWhileEveryoneIsOffline({});
    await h.app.db.conversation.update({ where: { id: closed!.id }, data: { status: 'closed' } });
    await goOnline('U0KIM');
    await waitForSettled(h);

    await bringBack(closed!);
    await waitForSettled(h);
    expect(await rowOf(closed!)).toMatchObject({ status: 'human', assigneeId: 'U0KIM' });
    expect(await assignmentsOf(closed!)).toBe(1);
  });

  it('leaves everything waiting when the workspace does not assign automatically', async () => {
    await h.app.db.workspace.update({ where: workspace(), data: { autoAssign: false } });
    const [waiting] = await waitingWhileEveryoneIsOffline({});
    const before = await h.app.db.workspace.findUniqueOrThrow({ where: workspace() });
    await goOnline('U0GIA');
    await waitForSettled(h);
    expect(await rowOf(waiting!)).toMatchObject({ status: 'waiting', assigneeId: null });
    // Nothing was even asked for.
    expect((await h.app.db.workspace.findUniqueOrThrow({ where: workspace() })).waitingAssignmentsAsked).toBe(before.waitingAssignmentsAsked);
  });

  it('lets an agent going offline wait for an assignment being decided, so none is given to them after they are told they are offline', async () => {
    await onlineAre(h, 'U0JOY');
    const online = async () => (await h.app.db.agentAvailability.findFirstOrThrow({ where: { userId: 'U0JOY' } })).online;
    let goingOffline: ReturnType<typeof typeCommand> | undefined;
    // As a job does: the workspace's assignments locked, and the agent counted as online.
    await inTransaction(h.app.db, async (tx) => {
      await lockAutoAssignments(tx, workspace().id);
      goingOffline = typeCommand(h, { userId: 'U0JOY', text: 'offline', responseUrl: respond.url });
      await waitUntil(async () => (await waitingForLocks()) === 1);
      expect(await online()).toBe(true);
    });
    expect((await goingOffline!).status).toBe(200);
    expect(await online()).toBe(false);
  });

  it('still gives out what waits when the job was lost with a crash, once the sweeper comes by', async () => {
    const [waiting] = await waitingWhileEveryoneIsOffline({});
    // As if the worker died after the agent went online and before the job ran.
    const { waitingAssignmentsAsked } = await h.app.db.workspace.findUniqueOrThrow({ where: workspace() });
    await onlineAre(h, 'U0HAL');
    await h.app.db.workspace.update({ where: workspace(), data: { waitingAssignmentsAsked: waitingAssignmentsAsked + 1, waitingAssignmentsAskedAt: new Date() } });
    await sweepNow(h);
    await waitForSettled(h);
    expect(await rowOf(waiting!)).toMatchObject({ status: 'human', assigneeId: 'U0HAL' });
  });
});
