import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { BOT_ID, BOT_USER_ID, type SlackCall } from '../helpers/slack-stand-in';
import { openConversation, pressButton, sendEvent, waitUntil, type OpenConversation } from '../helpers/slack-user';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

// An alert whose thread has everything it is owed, with one customer message in it already.
async function settledConversation(): Promise<OpenConversation> {
  const c = await openConversation(h, {
    transcript: [{ role: 'customer', text: 'My parcel never arrived.', at: '2026-11-23T09:00:00Z' }],
  });
  await sendCustomerMessage(c, 'c1', 'It was due on Monday.', '2026-11-23T09:05:00Z');
  await allPosted(c);
  h.slack.reset();
  return c;
}

async function sendCustomerMessage(c: OpenConversation, id: string, text: string, at = new Date().toISOString()) {
  const res = await h.platformRequest(`/api/v1/conversations/${encodeURIComponent(c.externalId)}/messages`, { id, text, at });
  expect(res.status).toBe(202);
}

async function allPosted(c: OpenConversation): Promise<void> {
  await waitUntil(async () => (await h.app.db.threadPost.count({ where: { conversationId: c.id, slackTs: null } })) === 0, 15_000);
}

const newRoot = (c: OpenConversation) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && !call.args.thread_ts && String(call.args.text).includes(c.customerName) && call.status === 200 && call.response.ok === true;

const inThread = (threadTs: string, contains: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === threadTs && JSON.stringify(call.args).includes(contains);

async function movedTo(c: OpenConversation): Promise<string> {
  const [root] = await h.slack.waitFor(newRoot(c));
  const ts = (root!.response as { ts: string }).ts;
  expect(ts).not.toBe(c.rootTs);
  return ts;
}

describe('an alert whose message or thread is gone', () => {
  it('posts a new alert with the whole history when the alert message is deleted, and points the old thread to it', async () => {
    const c = await settledConversation();
    await sendEvent(h, {
      type: 'message', subtype: 'message_deleted', channel: ALERTS_CHANNEL, channel_type: 'channel', hidden: true,
      deleted_ts: c.rootTs, ts: `${Math.floor(Date.now() / 1000)}.000500`,
      previous_message: { type: 'message', user: BOT_USER_ID, bot_id: BOT_ID, text: 'Handoff: alert', ts: c.rootTs },
    });
    const ts = await movedTo(c);
    await h.slack.waitFor(inThread(ts, 'This conversation moved to a new alert: the alert message was deleted'));
    const [history] = await h.slack.waitFor(inThread(ts, 'It was due on Monday.'));
    expect(JSON.stringify(history!.args)).toContain('My parcel never arrived.');
    const [link] = await h.slack.waitFor(inThread(c.rootTs, 'continues in a new alert'));
    expect(JSON.stringify(link!.args.blocks)).toContain(`/archives/${ALERTS_CHANNEL}/p${ts.replace('.', '')}`);

    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { events: true } });
    expect(stored).toMatchObject({ slackChannelId: ALERTS_CHANNEL, slackThreadTs: ts, movedFromThreadTs: null });
    expect(stored.events.find((e) => e.type === 'moved')).toMatchObject({ data: { reason: 'message_deleted', fromThreadTs: c.rootTs } });

    // The conversation carries on in the new thread.
    await sendCustomerMessage(c, 'c2', 'Hello? Anyone there?');
    await h.slack.waitFor(inThread(ts, 'Hello? Anyone there?'));
  });

  it('loses no customer message when Slack says the thread is gone while posting it', async () => {
    const c = await settledConversation();
    h.slack.failNext('chat.postMessage', { error: 'thread_not_found' });
    await sendCustomerMessage(c, 'c2', 'Can I get a refund instead?');
    const ts = await movedTo(c);
    await h.slack.waitFor(inThread(ts, 'its thread was gone'));
    const [history] = await h.slack.waitFor(inThread(ts, 'Can I get a refund instead?'));
    expect(JSON.stringify(history!.args)).toContain('It was due on Monday.');
    await allPosted(c);
    // Nothing to point from: the old thread is gone.
    expect(h.slack.calls('chat.postMessage').filter((call) => call.args.thread_ts === c.rootTs && call.status === 200 && call.response.ok)).toEqual([]);
  });

  it('moves when the alert message cannot be updated, and the new alert shows the current state', async () => {
    const c = await settledConversation();
    h.slack.failNext('chat.update', { error: 'message_not_found' });
    await pressButton(h, { actionId: 'conversation_take_over', value: c.id, userId: 'U0ALICE', rootTs: c.rootTs, responseUrl: respond.url });
    const [root] = await h.slack.waitFor(newRoot(c));
    expect(JSON.stringify(root!.args.blocks)).toContain('Taken by <@U0ALICE>');
    const ts = (root!.response as { ts: string }).ts;
    await h.slack.waitFor(inThread(ts, 'It was due on Monday.'));
    await h.slack.waitFor(inThread(c.rootTs, 'continues in a new alert'));
  });

  it('moves to the alerts channel when the old channel was archived', async () => {
    const c = await settledConversation();
    await h.app.db.workspace.update({ where: { id: h.app.tenancy!.workspaceId }, data: { alertsChannel: 'C0NEWALERTS' } });
    try {
      h.slack.failNext('chat.postMessage', { error: 'is_archived' });
      await sendCustomerMessage(c, 'c2', 'Still waiting.');
      const [root] = await h.slack.waitFor((call) => newRoot(c)(call) && call.args.channel === 'C0NEWALERTS');
      const ts = (root!.response as { ts: string }).ts;
      await h.slack.waitFor((call) => inThread(ts, 'Still waiting.')(call) && call.args.channel === 'C0NEWALERTS');
      expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ slackChannelId: 'C0NEWALERTS', slackThreadTs: ts });
    } finally {
      await h.app.db.workspace.update({ where: { id: h.app.tenancy!.workspaceId }, data: { alertsChannel: ALERTS_CHANNEL } });
    }
  });

  it('keeps the message stored and waiting when the alerts channel itself cannot take posts', async () => {
    const c = await settledConversation();
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel', times: 3 });
    await sendCustomerMessage(c, 'c2', 'Is anyone reading this?');
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.response.error === 'not_in_channel');
    // A wrongly started move would still be queued or running.
    await waitForSettled(h);
    expect(h.slack.calls('chat.postMessage').filter(newRoot(c))).toEqual([]);
    const stored = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { messages: true, threadPosts: true } });
    expect(stored.slackThreadTs).toBe(c.rootTs);
    expect(stored.messages.map((m) => m.text)).toContain('Is anyone reading this?');
    expect(stored.threadPosts.filter((p) => p.slackTs === null)).toHaveLength(1);
  });
});
