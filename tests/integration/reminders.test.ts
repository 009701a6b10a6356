import { startHandoff } from '../../src/app';
import { createLogger } from '../../src/logger';
import { alertBody } from '../helpers/alerts';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { remindNow } from '../helpers/remind-now';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { findPings } from '../helpers/slack-pings';
import { sweepNow } from '../helpers/sweep-now';
import { clearQueuePrefix, uniqueQueuePrefix } from '../helpers/test-queue';
import { nextMessageTs, openConversation, pressButton, sendEvent, waitUntil, type OpenConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
const respond = new ResponseUrlStandIn();

// Targets as a support team might set them; each test moves the reminder clock rather than waiting for it.
useHarness((started) => (h = started), { respond, env: { FIRST_RESPONSE_TARGETS: 'urgent:300,high:900', IDLE_CLOSE_SECONDS: '7200' } });

const secondsAfter = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

const remindersOf = (c: OpenConversation) => h.app.db.reminder.findMany({ where: { conversationId: c.id }, orderBy: { firedAt: 'asc' } });

function threadPosts(c: OpenConversation, text: string) {
  return h.slack.calls('chat.postMessage').filter((call) => call.args.thread_ts === c.rootTs && String(call.args.text).includes(text));
}

function escalations(c: OpenConversation) {
  const link = `p${c.rootTs.replace('.', '')}`;
  return h.slack.calls('chat.postMessage').filter((call) => call.args.channel === ALERTS_CHANNEL && !call.args.thread_ts && String(call.args.text).includes('with nobody on it') && JSON.stringify(call.args.blocks).includes(link));
}

function press(actionId: string, c: OpenConversation, userId: string, rootTs = c.rootTs) {
  return pressButton(h, { actionId, value: c.id, userId, rootTs, responseUrl: respond.url });
}

async function takeOver(c: OpenConversation, userId: string) {
  await press('conversation_take_over', c, userId);
  await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId === userId);
}

async function waitingSince(c: OpenConversation): Promise<Date> {
  return (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).statusChangedAt;
}

function customerWrites(c: OpenConversation, id: string, at: Date) {
  return h.platformRequest(`/api/v1/conversations/${encodeURIComponent(c.externalId)}/messages`, { id, text: 'Hello? Anyone there?', at: at.toISOString() });
}

// An alert from a customer whose name is markup: its root message shows the name made harmless, so it is found by
// its stored thread instead of by its text.
async function openHostileConversation(name: string): Promise<OpenConversation> {
  const body = alertBody({ priority: 'high', transcript: [], customer: { name } });
  expect((await h.platformRequest('/api/v1/handoffs', body)).status).toBe(202);
  const where = { externalId: body.conversationId as string, slackThreadTs: { not: null } };
  await waitUntil(async () => (await h.app.db.conversation.count({ where })) === 1);
  const row = await h.app.db.conversation.findFirstOrThrow({ where });
  return { id: row.id, externalId: row.externalId, rootTs: row.slackThreadTs!, customerName: name };
}

// The direct messages Slack got for one person, in the channel Slack opened for them.
function directMessagesTo(userId: string, text: string) {
  const channels = new Set(h.slack.calls('conversations.open').filter((call) => call.args.users === userId).map((call) => (call.response as { channel: { id: string } }).channel.id));
  return h.slack.calls('chat.postMessage').filter((call) => channels.has(String(call.args.channel)) && String(call.args.text).includes(text));
}

// Reminders fired just before Redis lost their jobs: recorded in PostgreSQL, queued where no worker reads.
async function fireWithJobsLost(at: Date): Promise<void> {
  const lost = uniqueQueuePrefix();
  await remindNow(h, at, lost);
  await clearQueuePrefix(lost);
}

// The sweeper asks for the lost work, then again while Slack is still answering the first post.
async function sweepAgainWhilePosting(firstPosted: () => boolean): Promise<void> {
  h.slack.delay('chat.postMessage', 1500);
  try {
    const at = new Date(Date.now() + 11_000);
    await sweepNow(h, at);
    await waitUntil(firstPosted);
    await sweepNow(h, new Date(at.getTime() + 1));
    await waitForSettled(h);
  } finally {
    h.slack.delay('chat.postMessage', 0);
  }
}

describe('the workspace setting', () => {
  it('is seeded from FIRST_RESPONSE_TARGETS and IDLE_CLOSE_SECONDS on first start, defaults for what they leave out', async () => {
    const workspace = await h.app.db.workspace.findFirstOrThrow();
    expect(workspace).toMatchObject({ firstResponseTargets: { urgent: 300, high: 900, normal: 3600, low: 14_400 }, idleCloseSeconds: 7200, businessHours: null });
  });
});

describe('first-response reminders', () => {
  it('posts one reminder line in the thread once a waiting conversation passes its target', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const since = await waitingSince(c);
    await remindNow(h, secondsAfter(since, 299));
    expect(await remindersOf(c)).toEqual([]);

    await remindNow(h, secondsAfter(since, 301));
    const [line] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('Nobody has taken this conversation yet'));
    expect(String(line!.args.text)).toContain('past the urgent-priority target of 5m');

    // A later tick, before twice the target, finds it reminded already.
    await remindNow(h, secondsAfter(since, 500));
    await waitForSettled(h);
    expect(threadPosts(c, 'Nobody has taken')).toHaveLength(1);
    expect((await remindersOf(c)).map((r) => r.kind)).toEqual(['first_response']);
  });

  it('reminds nobody once the conversation was taken over before its target', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const since = await waitingSince(c);
    await takeOver(c, 'U0ALICE');
    await remindNow(h, secondsAfter(since, 700));
    await waitForSettled(h);
    expect(await remindersOf(c)).toEqual([]);
    expect(threadPosts(c, 'Nobody has taken')).toEqual([]);
    expect(escalations(c)).toEqual([]);
  });

  it('fires each reminder once when several workers tick at the same moment', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const at = secondsAfter(await waitingSince(c), 301);
    await Promise.all([remindNow(h, at), remindNow(h, at), remindNow(h, at), remindNow(h, at)]);
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('Nobody has taken'));
    await waitForSettled(h);
    expect(threadPosts(c, 'Nobody has taken')).toHaveLength(1);
    expect(await remindersOf(c)).toHaveLength(1);
  });
});

describe('business hours', () => {
  afterEach(() => h.app.db.workspace.updateMany({ data: { businessHours: null } }));

  it('pauses the clock outside them: a wait that starts late on Friday runs out on Monday', async () => {
    await h.app.db.workspace.updateMany({ data: { businessHours: 'Mon-Fri 09:00-17:00 UTC' } });
    const c = await openConversation(h, { priority: 'urgent' });
    // Began to wait two minutes before closing time on Friday 4 December.
    await h.app.db.conversation.update({ where: { id: c.id }, data: { statusChangedAt: new Date('2026-12-04T16:58:00Z') } });
    await remindNow(h, new Date('2026-12-04T17:30:00Z'));
    await remindNow(h, new Date('2026-12-07T09:02:30Z'));
    expect(await remindersOf(c)).toEqual([]);

    await remindNow(h, new Date('2026-12-07T09:03:30Z'));
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('Nobody has taken'));
    expect((await remindersOf(c)).map((r) => r.kind)).toEqual(['first_response']);
  });
});

describe('escalation at twice the target', () => {
  afterEach(() => h.app.db.workspace.updateMany({ data: { supervisorsUserGroup: null } }));

  it("mentions the supervisors' group in the alerts channel, links the thread, and leaves the customer's text inert", async () => {
    await h.app.db.workspace.updateMany({ data: { supervisorsUserGroup: 'S0SUPERS' } });
    const c = await openHostileConversation('<!channel> Eve <https://evil.example|bank>');
    const since = await waitingSince(c);
    await remindNow(h, secondsAfter(since, 1801));
    await waitUntil(() => escalations(c).length === 1);
    const [escalation] = escalations(c);
    expect(String(escalation!.args.text)).toMatch(/^<!subteam\^S0SUPERS> A conversation has waited 30m .* Customer: \(!channel\) Eve \(https:\/\/evil\.example\|bank\)$/);
    // The one thing in it Slack acts on, in its text and its blocks, is the mention Handoff built.
    expect(new Set(findPings(JSON.stringify(escalation!.args)))).toEqual(new Set(['<!subteam^S0SUPERS>']));
    expect(JSON.stringify(escalation!.args.blocks)).toContain(`/archives/${ALERTS_CHANNEL}/p${c.rootTs.replace('.', '')}`);

    await remindNow(h, secondsAfter(since, 4000));
    await waitForSettled(h);
    expect(escalations(c)).toHaveLength(1);
    expect(threadPosts(c, 'Nobody has taken')).toHaveLength(1);
    expect((await remindersOf(c)).map((r) => [r.kind, r.sentAt !== null])).toEqual(expect.arrayContaining([['first_response', false], ['escalation', true]]));
  });

  it('drops an escalation whose job was lost when someone took the conversation before it went out', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const since = await waitingSince(c);
    await fireWithJobsLost(secondsAfter(since, 601));
    await takeOver(c, 'U0LATECOMER');

    await sweepNow(h);
    await waitUntil(async () => (await remindersOf(c)).some((r) => r.kind === 'escalation' && r.error !== null));
    await waitForSettled(h);
    expect(escalations(c)).toHaveLength(0);
    expect((await remindersOf(c)).find((r) => r.kind === 'escalation')).toMatchObject({ sentAt: null, error: expect.stringMatching(/no longer waiting/) });
  });

  it('posts an escalation once when the sweeper asks for it again while its first job waits on Slack', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const since = await waitingSince(c);
    await fireWithJobsLost(secondsAfter(since, 601));
    await sweepAgainWhilePosting(() => escalations(c).length === 1);
    expect(escalations(c)).toHaveLength(1);
    expect((await remindersOf(c)).find((r) => r.kind === 'escalation')).toMatchObject({ sentAt: expect.any(Date), error: null });
  });

  it('mentions @here when the workspace has no supervisors group', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    await remindNow(h, secondsAfter(await waitingSince(c), 601));
    await waitUntil(() => escalations(c).length === 1);
    expect(String(escalations(c)[0]!.args.text)).toMatch(/^<!here> /);
  });
});

describe('reminders to the person who has the conversation', () => {
  it('tells the assignee privately, once per unanswered stretch, that the customer is waiting for their reply', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    await takeOver(c, 'U0BOB');
    const wrote = new Date();
    expect((await customerWrites(c, 'bob-1', wrote)).status).toBe(202);
    await remindNow(h, secondsAfter(wrote, 299));
    expect(await remindersOf(c)).toEqual([]);

    await remindNow(h, secondsAfter(wrote, 301));
    await waitUntil(() => directMessagesTo('U0BOB', 'for your reply').length === 1);
    expect(String(directMessagesTo('U0BOB', 'for your reply')[0]!.args.text)).toContain(`${c.customerName} has waited 5m for your reply`);
    await remindNow(h, secondsAfter(wrote, 600));
    await waitForSettled(h);
    expect(directMessagesTo('U0BOB', 'for your reply')).toHaveLength(1);

    // Bob answers; the customer writes again and waits again.
    const replyTs = nextMessageTs();
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0BOB', text: 'On it!', ts: replyTs, thread_ts: c.rootTs });
    await waitUntil(async () => (await h.app.db.message.count({ where: { slackTs: replyTs, relayState: { not: 'pending' } } })) === 1);
    const again = secondsAfter(new Date(Number(replyTs) * 1000), 10);
    await customerWrites(c, 'bob-2', again);
    await remindNow(h, secondsAfter(again, 301));
    await waitUntil(() => directMessagesTo('U0BOB', 'for your reply').length === 2);
    expect((await remindersOf(c)).map((r) => r.kind)).toEqual(['reply_overdue', 'reply_overdue']);
  });

  it('sends the reminder once when the sweeper asks for it again while its first job waits on Slack', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    await takeOver(c, 'U0DANA');
    const wrote = new Date();
    expect((await customerWrites(c, 'dana-1', wrote)).status).toBe(202);
    await fireWithJobsLost(secondsAfter(wrote, 301));
    await sweepAgainWhilePosting(() => directMessagesTo('U0DANA', 'for your reply').length === 1);
    expect(directMessagesTo('U0DANA', 'for your reply')).toHaveLength(1);
  });

  it('sends nothing once the assignee answered before the target, or the conversation was closed', async () => {
    const answered = await openConversation(h, { priority: 'urgent' });
    await takeOver(answered, 'U0ERIN');
    const wrote = new Date();
    await customerWrites(answered, 'erin-1', wrote);
    const replyTs = nextMessageTs();
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0ERIN', text: 'Looking now.', ts: replyTs, thread_ts: answered.rootTs });
    await waitUntil(async () => (await h.app.db.message.count({ where: { slackTs: replyTs, relayState: { not: 'pending' } } })) === 1);

    const closed = await openConversation(h, { priority: 'urgent' });
    await takeOver(closed, 'U0ERIN');
    await customerWrites(closed, 'erin-2', wrote);
    await press('conversation_close', closed, 'U0ERIN');
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: closed.id } })).status === 'closed');

    await remindNow(h, secondsAfter(wrote, 301));
    await waitForSettled(h);
    expect(await remindersOf(answered)).toEqual([]);
    expect(await remindersOf(closed)).toEqual([]);
    expect(directMessagesTo('U0ERIN', 'for your reply')).toEqual([]);
  });

  it('offers the assignee Close or Restore to AI when the conversation went quiet, and the buttons work', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    await takeOver(c, 'U0CAROL');
    const quietSince = (await h.app.db.conversationEvent.findFirstOrThrow({ where: { conversationId: c.id }, orderBy: { id: 'desc' } })).at;
    await remindNow(h, secondsAfter(quietSince, 7199));
    expect((await remindersOf(c)).filter((r) => r.kind === 'idle')).toEqual([]);

    await remindNow(h, secondsAfter(quietSince, 7201));
    await waitUntil(() => directMessagesTo('U0CAROL', 'has been quiet').length === 1);
    const [offer] = directMessagesTo('U0CAROL', 'has been quiet');
    const buttons = JSON.stringify(offer!.args.blocks);
    expect(buttons).toContain('"action_id":"conversation_close"');
    expect(buttons).toContain('"action_id":"conversation_restore"');
    // Nothing changed until Carol chose.
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('human');

    const dmTs = (offer!.response as { ts: string }).ts;
    await pressButton(h, { actionId: 'conversation_restore', value: c.id, userId: 'U0CAROL', rootTs: dmTs, responseUrl: respond.url, channel: String(offer!.args.channel) });
    await h.platform.waitFor((d) => (d.body as { conversationId: string; type: string }).conversationId === c.externalId && (d.body as { type: string }).type === 'conversation.restored');
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'ai', assigneeId: null });
    await remindNow(h, secondsAfter(quietSince, 20_000));
    await waitForSettled(h);
    expect(directMessagesTo('U0CAROL', 'has been quiet')).toHaveLength(1);
  });

  it('offers Close too, under the same rules as on the alert', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    await takeOver(c, 'U0DAN');
    const quietSince = (await h.app.db.conversationEvent.findFirstOrThrow({ where: { conversationId: c.id }, orderBy: { id: 'desc' } })).at;
    await remindNow(h, secondsAfter(quietSince, 7201));
    await waitUntil(() => directMessagesTo('U0DAN', 'has been quiet').length === 1);
    const [offer] = directMessagesTo('U0DAN', 'has been quiet');
    await pressButton(h, { actionId: 'conversation_close', value: c.id, userId: 'U0DAN', rootTs: (offer!.response as { ts: string }).ts, responseUrl: respond.url, channel: String(offer!.args.channel) });
    await h.platform.waitFor((d) => (d.body as { conversationId: string; type: string }).conversationId === c.externalId && (d.body as { type: string }).type === 'conversation.closed');
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('closed');
  });
});

// Last in the file: the Handoff it starts again listens on a port of its own.
describe('after a restart', () => {
  it('keeps fired reminders through a restart of Handoff and a Redis that lost their jobs', async () => {
    const c = await openConversation(h, { priority: 'urgent' });
    const since = await waitingSince(c);
    // Both fired just before everything stopped: recorded in PostgreSQL, their jobs in a queue nobody will read.
    await fireWithJobsLost(secondsAfter(since, 601));
    await h.app.stop();
    h.app = await startHandoff(h.config, createLogger('silent'));

    await sweepNow(h);
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && String(call.args.text).includes('Nobody has taken'));
    await waitUntil(() => escalations(c).length === 1);
    await remindNow(h, secondsAfter(since, 700));
    await waitForSettled(h);
    expect(threadPosts(c, 'Nobody has taken')).toHaveLength(1);
    expect(escalations(c)).toHaveLength(1);
    expect((await remindersOf(c)).map((r) => r.kind).sort()).toEqual(['escalation', 'first_response']);
  });

});
