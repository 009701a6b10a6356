import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { jobId } from '../../src/jobs/definitions';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { replySettled } from '../helpers/settle';
import { nextMessageTs, openThread, sendEvent, waitUntil } from '../helpers/slack-user';

let h: Harness;
useHarness((started) => (h = started), { env: { RELAY_GRACE_SECONDS: '0' } });

// Sends a message event to /slack/events signed exactly as Slack signs it.
function slackEvent(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}) {
  return sendEvent(h, { channel: ALERTS_CHANNEL, channel_type: 'channel', ...event }, opts);
}

function reply(threadTs: string, text: string, extra: Record<string, unknown> = {}) {
  const messageTs = nextMessageTs();
  return { ts: messageTs, send: (opts?: { eventId?: string; retryNum?: number }) => slackEvent({ type: 'message', user: 'U0AGENT1', text, ts: messageTs, thread_ts: threadTs, ...extra }, opts) };
}

const agentMessages = (id: string) => (d: { body: unknown }) =>
  (d.body as { type?: string; conversationId?: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === id;

// The job the queue holds (waiting, delayed, running or done) under a given id, or null.
async function queuedJob(queueName: string, id: string): Promise<{ name: string } | null> {
  const connection = new IORedis(h.config.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection, prefix: h.config.redis.queuePrefix });
  try {
    return (await queue.getJob(id)) ?? null;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function feedbackOf(ts: string) {
  const message = await h.app.db.message.findFirstOrThrow({ where: { slackTs: ts } });
  return h.app.db.replyFeedback.findFirstOrThrow({ where: { messageId: message.id } });
}

describe('agent replies in the thread', () => {
  it('relays a reply to the customer, signed, with the agent as a live-agent badge, after taking the conversation over', async () => {
    h.slack.setUser('U0AGENT1', { profile: { display_name: 'Sam Agent', image_192: 'https://avatars.example.com/sam.png' } });
    const { id, threadTs } = await openThread(h);
    const r = reply(threadTs, 'Hi! I refunded the duplicate charge.');
    await r.send();
    const [delivery] = await h.platform.waitFor(agentMessages(id));
    expect(delivery!.verified).toBe(true);
    expect(delivery!.headers['webhook-id']).toMatch(/^msg_/);
    expect(delivery!.body).toMatchObject({
      type: 'agent.message',
      conversationId: id,
      data: { text: 'Hi! I refunded the duplicate charge.', agent: { id: 'U0AGENT1', name: 'Sam Agent', avatarUrl: 'https://avatars.example.com/sam.png' } },
    });
    // The AI was told to pause before the reply reached the customer.
    const types = h.platform.deliveries().filter((d) => (d.body as { conversationId: string }).conversationId === id).map((d) => (d.body as { type: string }).type);
    expect(types.slice(0, 2)).toEqual(['conversation.taken_over', 'agent.message']);
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === r.ts && c.args.name === 'heavy_check_mark');
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: id } });
    expect(conversation).toMatchObject({ status: 'human', assigneeId: 'U0AGENT1' });
  });

  it('keeps notes in Slack', async () => {
    const { id, threadTs } = await openThread(h);
    const note = reply(threadTs, '  NOTE: customer sounds like a churn risk');
    await note.send();
    const after = reply(threadTs, 'Thanks for waiting!');
    await after.send();
    await h.platform.waitFor(agentMessages(id));
    await replySettled(h, note.ts);
    await replySettled(h, after.ts);
    const texts = h.platform.deliveries().filter(agentMessages(id)).map((d) => (d.body as { data: { text: string } }).data.text);
    expect(texts).toEqual(['Thanks for waiting!']);
    const stored = await h.app.db.message.findFirstOrThrow({ where: { slackTs: note.ts } });
    expect(stored.relayState).toBe('internal');
  });

  it('ignores its own posts and other bots, and threads it does not track', async () => {
    const { id, threadTs } = await openThread(h);
    await slackEvent({ type: 'message', subtype: 'bot_message', bot_id: 'B0HANDOFF', text: 'from us', ts: nextMessageTs(), thread_ts: threadTs });
    await slackEvent({ type: 'message', user: 'U0OTHER', bot_id: 'B0OTHER', text: 'another bot', ts: nextMessageTs(), thread_ts: threadTs });
    const elsewhere = await slackEvent({ type: 'message', user: 'U0AGENT1', text: 'elsewhere', ts: nextMessageTs(), thread_ts: '1600000000.000001' });
    const last = reply(threadTs, 'the only real reply');
    await last.send();
    await h.platform.waitFor(agentMessages(id));
    // Only the reply in a thread nobody tracks leaves a trace: its inbox entry, handled.
    await waitUntil(async () => (await h.app.db.slackInbox.count({ where: { key: elsewhere, processedAt: { not: null } } })) === 1);
    await replySettled(h, last.ts);
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(1);
  });

  it('never relays a message twice when Slack retries the event', async () => {
    const { id, threadTs } = await openThread(h);
    const r = reply(threadTs, 'once only');
    const eventId = await r.send();
    await r.send({ eventId, retryNum: 1 });
    await h.platform.waitFor(agentMessages(id));
    await replySettled(h, r.ts);
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(1);
  });

  it('retries when the platform answers 500, delivering once with the same webhook-id', async () => {
    const { id, threadTs } = await openThread(h);
    await reply(threadTs, 'warm up').send();
    await h.platform.waitFor(agentMessages(id));
    h.platform.reset();
    h.platform.respondWith(500, { error: 'oops' });
    const second = reply(threadTs, 'second try works');
    await second.send();
    const attempts = await h.platform.waitFor(agentMessages(id), 5000, 2);
    expect(attempts[0]!.headers['webhook-id']).toBe(attempts[1]!.headers['webhook-id']);
    await replySettled(h, second.ts);
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(2);
  });

  it("shows the platform's refusal in the thread, in plain words", async () => {
    const { id, threadTs } = await openThread(h);
    await reply(threadTs, 'warm up').send();
    await h.platform.waitFor(agentMessages(id));
    h.platform.respondWith(400, { error: 'user_blocked', message: 'The customer blocked this account' });
    const r = reply(threadTs, 'are you there?');
    await r.send();
    const [notice] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('not delivered'));
    expect(String(notice!.args.text)).toMatch(/blocked/i);
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === r.ts && c.args.name === 'warning');
    const stored = await h.app.db.message.findFirstOrThrow({ where: { slackTs: r.ts } });
    expect(stored.relayState).toBe('failed');
  });

  it('turns mentions, links, emoji and formatting into what the customer channel shows', async () => {
    h.slack.setUser('U0LEAD', { profile: { display_name: 'Lee Lead' } });
    const { id, threadTs } = await openThread(h);
    await reply(threadTs, '*Good news* :tada: <@U0LEAD> approved it, see <https://help.example.com/refunds|our refund page> &amp; more').send();
    const [delivery] = await h.platform.waitFor(agentMessages(id));
    expect((delivery!.body as { data: { text: string } }).data.text).toBe('**Good news** 🎉 @Lee Lead approved it, see [our refund page](https://help.example.com/refunds) & more');
  });

  it('warns the agent at once, privately, when a reply is too long for Instagram, and sends nothing', async () => {
    const { id, threadTs } = await openThread(h, { channel: { type: 'instagram' } });
    const long = reply(threadTs, 'x'.repeat(1001));
    await long.send();
    const [warning] = await h.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.thread_ts === threadTs);
    expect(warning!.args.user).toBe('U0AGENT1');
    expect(String(warning!.args.text)).toMatch(/1,000/);
    await replySettled(h, long.ts);
    expect(h.platform.deliveries().filter(agentMessages(id))).toHaveLength(0);
  });

  it('tells the platform when a delivered reply is edited or deleted', async () => {
    const { id, threadTs } = await openThread(h);
    const r = reply(threadTs, 'Your order ships Monday');
    await r.send();
    await h.platform.waitFor(agentMessages(id));
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === r.ts);
    await slackEvent({ type: 'message', subtype: 'message_changed', message: { type: 'message', user: 'U0AGENT1', text: 'Your order ships Tuesday', ts: r.ts, thread_ts: threadTs }, previous_message: { type: 'message', user: 'U0AGENT1', text: 'Your order ships Monday', ts: r.ts, thread_ts: threadTs }, ts: nextMessageTs() });
    const [updated] = await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message_updated');
    expect((updated!.body as { data: { text: string } }).data.text).toBe('Your order ships Tuesday');
    await slackEvent({ type: 'message', subtype: 'message_deleted', deleted_ts: r.ts, previous_message: { type: 'message', user: 'U0AGENT1', text: 'Your order ships Tuesday', ts: r.ts, thread_ts: threadTs }, ts: nextMessageTs() });
    const [deleted] = await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message_deleted');
    expect(deleted!.body).toMatchObject({ conversationId: id });
  });

  it('sends a reply due now and shows its ✔️ from the job that stored it, without a queue trip for either', async () => {
    const { id, threadTs } = await openThread(h);
    const r = reply(threadTs, 'Sent from the same job');
    await r.send();
    await h.platform.waitFor(agentMessages(id));
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === r.ts && c.args.name === 'heavy_check_mark');
    await replySettled(h, r.ts);
    const feedback = await feedbackOf(r.ts);
    expect(feedback.doneAt).toBeInstanceOf(Date);
    const delivery = await h.app.db.outboundDelivery.findFirstOrThrow({ where: { messageId: feedback.messageId } });
    expect(delivery.state).toBe('delivered');
    expect(await queuedJob('platform', jobId('deliver', delivery.id))).toBeNull();
    expect(await queuedJob('slack', jobId('sendFeedback', feedback.id))).toBeNull();
  });

  it("hands the ✔️ to the queue when Slack says to wait, and shows it once the wait is over", async () => {
    const { id, threadTs } = await openThread(h);
    h.slack.failNext('reactions.add', { retryAfter: 1 });
    const r = reply(threadTs, 'Marked a moment later');
    await r.send();
    await h.platform.waitFor(agentMessages(id));
    const marked = await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === r.ts && c.status === 200);
    expect(h.slack.calls('reactions.add').filter((c) => c.args.timestamp === r.ts && c.status === 429)).toHaveLength(1);
    expect(marked[0]!.args.name).toBe('heavy_check_mark');
    const feedback = await feedbackOf(r.ts);
    expect(await queuedJob('slack', jobId('sendFeedback', feedback.id))).toMatchObject({ name: 'send-feedback' });
    await waitUntil(async () => (await feedbackOf(r.ts)).doneAt !== null, 10_000);
  });
});
