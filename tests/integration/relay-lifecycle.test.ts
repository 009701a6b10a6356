import { claimDelivery, deliveriesToResume, recordStep } from '../../src/db/repositories/deliveries';
import { claimFeedback } from '../../src/db/repositories/reply-feedback';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { nextMessageTs, openThread, sendEvent, waitUntil } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started), { env: { RELAY_GRACE_SECONDS: '0', JOB_ATTEMPTS: '3' } });

function reply(threadTs: string, text: string, user = 'U0AGENT1') {
  const ts = nextMessageTs();
  return { ts, send: () => sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user, text, ts, thread_ts: threadTs }) };
}

const agentMessages = (id: string) => (d: { body: unknown }) =>
  (d.body as { type?: string; conversationId?: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === id;

const reacted = (ts: string, name: string) => (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'reactions.add' && c.args.timestamp === ts && c.args.name === name;

// The reply's delivery as a worker leaves it when it dies mid-send: still taken, its lease run out, with
// `attempts` spent and no outcome recorded.
async function diedWhileSending(ts: string, attempts: number): Promise<void> {
  await h.app.db.outboundDelivery.updateMany({
    where: { message: { slackTs: ts } },
    data: { state: 'sending', attempts, leaseUntil: new Date(Date.now() - 1000), notBefore: new Date(Date.now() - 60_000) },
  });
  await h.app.db.message.updateMany({ where: { slackTs: ts }, data: { relayState: 'pending' } });
}

// A thread with one reply that reached the platform and was marked ✔️.
async function deliveredReply(text: string) {
  const { id, threadTs } = await openThread(h);
  const sent = reply(threadTs, text);
  await sent.send();
  const [delivery] = await h.platform.waitFor(agentMessages(id));
  await h.slack.waitFor(reacted(sent.ts, 'heavy_check_mark'));
  return { id, threadTs, reply: sent, delivery: delivery! };
}

async function finalState(ts: string): Promise<string> {
  await waitUntil(async () => (await h.app.db.message.findFirst({ where: { slackTs: ts } }))?.relayState !== 'pending', 10_000);
  return (await h.app.db.message.findFirstOrThrow({ where: { slackTs: ts } })).relayState;
}

describe("every reply ends in a state its agent sees", () => {
  it('marks a reply refused before sending with ⚠️ as well as the private warning', async () => {
    const { id, threadTs } = await openThread(h, { channel: { type: 'instagram' } });
    const r = reply(threadTs, 'x'.repeat(1200));
    await r.send();
    await h.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.thread_ts === threadTs && c.args.user === 'U0AGENT1');
    await h.slack.waitFor(reacted(r.ts, 'warning'));
    expect(await finalState(r.ts)).toBe('failed');
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(0);
  });

  it('sends the next reply in order when the one before it failed for good', async () => {
    const { id, threadTs } = await openThread(h);
    await reply(threadTs, 'warm up').send();
    await h.platform.waitFor(agentMessages(id));
    h.platform.respondWith(400, { error: 'user_blocked' });
    const refused = reply(threadTs, 'this one is refused');
    await refused.send();
    await h.slack.waitFor(reacted(refused.ts, 'warning'));
    const next = reply(threadTs, 'this one goes');
    await next.send();
    const [delivered] = await h.platform.waitFor((d) => agentMessages(id)(d) && (d.body as { data: { text: string } }).data.text === 'this one goes');
    expect(delivered).toBeDefined();
    await h.slack.waitFor(reacted(next.ts, 'heavy_check_mark'));
  });

  it('says in the thread when the platform never learnt that a person took over', async () => {
    const { id, threadTs } = await openThread(h);
    h.platform.respondWith(410, { error: 'conversation_gone' });
    await reply(threadTs, 'hello').send();
    const [notice] = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('was not told that a person took'),
    );
    expect(String(notice!.args.text)).toMatch(/conversation_gone/);
    await h.platform.waitFor(agentMessages(id));
  });

  it('fails a reply, with a notice and ⚠️, when Slack refuses for good to say who the agent is', async () => {
    const { id, threadTs } = await openThread(h);
    h.slack.failNext('users.info', { error: 'user_not_found', times: 5 });
    const r = reply(threadTs, 'who am I?', 'U0GONE');
    await r.send();
    const [notice] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('not delivered'));
    expect(String(notice!.args.text)).toMatch(/user_not_found/);
    await h.slack.waitFor(reacted(r.ts, 'warning'));
    expect(await finalState(r.ts)).toBe('failed');
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(0);
  });

  it('still shows the failure notice when Slack fails the first time it is posted', async () => {
    const { threadTs } = await openThread(h);
    await reply(threadTs, 'warm up').send();
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.name === 'heavy_check_mark');
    h.platform.respondWith(422, { error: 'bad_text' });
    const notice = (c: { method: string; args: Record<string, unknown> }) =>
      c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('not delivered');
    h.slack.failNext('chat.postMessage', { status: 500 });
    const r = reply(threadTs, 'refused, and the notice fails once');
    await r.send();
    await h.slack.waitFor((c) => notice(c) && c.status === 200);
    await h.slack.waitFor(reacted(r.ts, 'warning'));
    await waitUntil(async () => (await h.app.db.replyFeedback.count({ where: { message: { slackTs: r.ts }, doneAt: null } })) === 0);
    expect(h.slack.calls().filter((c) => notice(c) && c.status === 200)).toHaveLength(1);
  });

  it('gives up, with a notice, on a delivery whose attempts all ended without an answer', async () => {
    const { id, threadTs, reply: stuck } = await deliveredReply('lost in crashes');
    // As after crashes mid-send: every attempt spent, and no outcome was recorded.
    await diedWhileSending(stuck.ts, 3);
    await sweepNow(h);
    expect(await finalState(stuck.ts)).toBe('failed');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('gave up after'));
    await h.slack.waitFor(reacted(stuck.ts, 'warning'));
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(1);
  });
});

describe('PostgreSQL is the truth', () => {
  it('sends again a delivery whose outcome was never recorded, although its job already ran', async () => {
    const { id, reply: r, delivery: first } = await deliveredReply('recorded as lost');
    // The job finished, but PostgreSQL says the delivery is still due: the sweeper's job must really run.
    await h.app.db.outboundDelivery.updateMany({ where: { message: { slackTs: r.ts } }, data: { state: 'pending', notBefore: new Date(Date.now() - 60_000) } });
    await sweepNow(h);
    const both = await h.platform.waitFor(agentMessages(id), undefined, 2);
    expect(both[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
  });

  it('takes over a delivery whose worker died holding its lease', async () => {
    const { id, reply: r, delivery: first } = await deliveredReply('leased by a dead worker');
    await diedWhileSending(r.ts, 1);
    await sweepNow(h);
    expect(await finalState(r.ts)).toBe('delivered');
    const both = h.platform.deliveries().filter(agentMessages(id));
    expect(both.map((d) => d.headers['webhook-id'])).toEqual([first!.headers['webhook-id'], first!.headers['webhook-id']]);
  });

  it('leaves alone a delivery another worker holds a live lease on', async () => {
    const { id, threadTs } = await openThread(h);
    const r = reply(threadTs, 'held by a live worker');
    await r.send();
    await h.platform.waitFor(agentMessages(id));
    await h.app.db.outboundDelivery.updateMany({
      where: { message: { slackTs: r.ts } },
      data: { state: 'sending', leaseUntil: new Date(Date.now() + 60_000), notBefore: new Date(Date.now() - 60_000) },
    });
    const held = await h.app.db.outboundDelivery.findFirstOrThrow({ where: { message: { slackTs: r.ts } } });
    const resumed = await deliveriesToResume(h.app.db, new Date(Date.now() + 11_000), 500);
    expect(resumed.map((d) => d.id)).not.toContain(held.id);
  });
});

describe('a reply changed or taken over while it is on its way', () => {
  it('tells the platform of an edit made while the reply was being sent', async () => {
    const { id, threadTs } = await openThread(h);
    await reply(threadTs, 'warm up').send();
    await h.platform.waitFor(agentMessages(id));
    h.platform.hang(1500);
    const r = reply(threadTs, 'first version');
    await r.send();
    await waitUntil(async () => (await h.app.db.outboundDelivery.count({ where: { message: { slackTs: r.ts }, state: 'sending' } })) === 1);
    await sendEvent(h, {
      type: 'message', subtype: 'message_changed', channel: ALERTS_CHANNEL, hidden: true,
      message: { type: 'message', user: 'U0AGENT1', text: 'second version', ts: r.ts, thread_ts: threadTs },
      previous_message: { type: 'message', user: 'U0AGENT1', text: 'first version', ts: r.ts, thread_ts: threadTs },
    });
    const [updated] = await h.platform.waitFor((d) => (d.body as { type?: string; conversationId?: string }).type === 'agent.message_updated' && (d.body as { conversationId: string }).conversationId === id);
    expect((updated!.body as { data: { text: string } }).data.text).toBe('second version');
    const types = h.platform.deliveries().filter((d) => (d.body as { conversationId?: string }).conversationId === id).map((d) => (d.body as { type: string }).type);
    expect(types.slice(-2)).toEqual(['agent.message', 'agent.message_updated']);
  });

  it('stores nothing from a worker whose lease ran out and was taken over', async () => {
    const { id } = await openThread(h);
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: id } });
    // A delivery no job was asked for, so only this test's two "workers" claim it.
    const row = await h.app.db.outboundDelivery.create({
      data: { id: `msg_fence${Date.now()}`, conversationId: conversation.id, type: 'conversation.tagged', payload: {}, notBefore: new Date(Date.now() - 1000) },
    });
    const slow = await claimDelivery(h.app.db, row.id, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const successor = await claimDelivery(h.app.db, row.id, 60_000);
    expect([slow.status, successor.status]).toEqual(['claimed', 'claimed']);
    if (slow.status !== 'claimed') return;
    const late = await recordStep(h.app.db, slow.delivery, slow.leaseUntil, { delivery: 'failed', error: 'late' }, 60_000);
    expect(late.stored).toBe(false);
    expect(await h.app.db.outboundDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: 'sending', lastError: null, attempts: 2 });
  });

  it("stores a reply's feedback already claimed by the worker that recorded the delivery, read as a claim reads it", async () => {
    const { id } = await openThread(h);
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: id } });
    const ts = nextMessageTs();
    const message = await h.app.db.message.create({
      data: { conversationId: conversation.id, role: 'agent', text: 'On its way', at: new Date(), slackTs: ts, authorId: 'U0AGENT1', relayState: 'pending' },
    });
    // No job was asked for it, so only this test claims it.
    const row = await h.app.db.outboundDelivery.create({
      data: { id: `msg_feedback${Date.now()}`, conversationId: conversation.id, messageId: message.id, type: 'agent.message', payload: {}, notBefore: new Date(Date.now() - 1000) },
    });
    const claim = await claimDelivery(h.app.db, row.id, 60_000);
    if (claim.status !== 'claimed') throw new Error(`the delivery was not claimed: ${claim.status}`);
    const recorded = await recordStep(h.app.db, claim.delivery, claim.leaseUntil, { delivery: 'delivered', reply: 'delivered', error: null, feedback: { kind: 'delivered' } }, 60_000);
    expect(recorded.feedback).toMatchObject({
      feedback: { kind: 'delivered' },
      attempts: 0,
      message: { id: message.id, slackTs: ts, authorId: 'U0AGENT1', relayState: 'delivered', sentFromHandoff: false, conversation: { slackChannelId: conversation.slackChannelId, workspaceId: conversation.workspaceId } },
    });
    // Held: no other worker can take it while this one shows it.
    expect(await claimFeedback(h.app.db, recorded.feedback!.id, 60_000)).toBeNull();
    await h.app.db.replyFeedback.update({ where: { id: recorded.feedback!.id }, data: { leaseUntil: null } });
    expect(await claimFeedback(h.app.db, recorded.feedback!.id, 60_000)).toEqual(recorded.feedback);
  });
});

describe('thread posts after an uncertain failure', () => {
  it('reads the thread back before posting again when Slack’s answer to a post was lost', async () => {
    const { threadTs } = await openThread(h);
    h.slack.failNext('chat.postMessage', { status: 500 });
    const c = await h.app.db.conversation.findFirstOrThrow({ where: { slackThreadTs: threadTs } });
    const res = await h.platformRequest(`/api/v1/conversations/${c.externalId}/messages`, { id: `m-${Date.now()}`, text: 'did my message arrive?', at: new Date().toISOString() });
    expect(res.status).toBe(202);
    const posted = (call: { method: string; args: Record<string, unknown>; status: number }) =>
      call.method === 'chat.postMessage' && call.args.thread_ts === threadTs && String(call.args.text).includes('did my message arrive?') && call.status === 200;
    await h.slack.waitFor(posted);
    await waitUntil(async () => (await h.app.db.threadPost.count({ where: { conversationId: c.id, slackTs: null } })) === 0);
    expect(h.slack.calls().filter(posted)).toHaveLength(1);
    expect(h.slack.calls('conversations.replies').filter((call) => call.args.ts === threadTs)).toHaveLength(1);
  });
});
