import { WebClient } from '@slack/web-api';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { interactionBody, eventBody } from '../helpers/slack-signing';
import { APP_ID, TEAM_ID } from '../helpers/slack-stand-in';
import { newEventId, nextMessageTs, openThread, sendEvent, waitUntil } from '../helpers/slack-user';
import { sweepNow } from '../helpers/sweep-now';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started), { env: { RELAY_GRACE_SECONDS: '0' } });

function envelope(event: Record<string, unknown>, eventId = newEventId()) {
  return { token: 'unused', team_id: TEAM_ID, api_app_id: APP_ID, type: 'event_callback', event_id: eventId, event_time: 1, event };
}

function replyEvent(threadTs: string, text: string, ts = nextMessageTs()) {
  return { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0AGENT1', text, ts, thread_ts: threadTs };
}


describe('the Slack edge', () => {
  it('answers an event only once it is stored in the inbox', async () => {
    const { threadTs } = await openThread(h);
    const eventId = newEventId();
    await sendEvent(h, replyEvent(threadTs, 'stored first'), { eventId });
    // The 200 came back: the event is in PostgreSQL already, whatever happens to the process next.
    const stored = await h.app.db.slackInbox.findUnique({ where: { key: eventId } });
    expect(stored).toMatchObject({ key: eventId, lane: `${ALERTS_CHANNEL}:${threadTs}` });
    expect((stored!.payload as { event_id: string }).event_id).toBe(eventId);
  });

  it('answers 5xx when the event cannot be stored, and handles Slack’s retry exactly once', async () => {
    const { id, threadTs } = await openThread(h);
    const event = envelope(replyEvent(threadTs, 'stored on the retry'));
    await h.app.db.$executeRawUnsafe('ALTER TABLE "SlackInbox" RENAME TO "SlackInboxAway"');
    let first: Response;
    try {
      first = await h.slackRequest(eventBody(event));
    } finally {
      await h.app.db.$executeRawUnsafe('ALTER TABLE "SlackInboxAway" RENAME TO "SlackInbox"');
    }
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await h.slackRequest(eventBody(event), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    expect(retry.status).toBe(200);
    const again = await h.slackRequest(eventBody(event), { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    expect(again.status).toBe(200);
    await h.platform.waitFor((d) => (d.body as { type?: string; conversationId?: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === id);
    await waitUntil(async () => (await h.app.db.slackInbox.findUnique({ where: { key: event.event_id } }))?.processedAt != null);
    expect(repliesTo(h, id)).toHaveLength(1);
    expect(await h.app.db.message.count({ where: { conversation: { externalId: id }, role: 'agent' } })).toBe(1);
  });

  it('keeps the order of a thread’s replies, an edit never overtaking its reply', async () => {
    const { id, threadTs } = await openThread(h);
    const texts = Array.from({ length: 12 }, (_, i) => `reply ${i + 1}`);
    for (const text of texts) await sendEvent(h, replyEvent(threadTs, text));
    await h.platform.waitFor((d) => repliesTo(h, id).includes(d), undefined, texts.length);
    expect(replyTexts(repliesTo(h, id))).toEqual(texts);
  });

  it('does not store our own posts or other bots’ messages', async () => {
    const { threadTs } = await openThread(h);
    const eventId = newEventId();
    await sendEvent(h, { ...replyEvent(threadTs, 'from a bot'), bot_id: 'B0OTHER' }, { eventId });
    expect(await h.app.db.slackInbox.findUnique({ where: { key: eventId } })).toBeNull();
  });

  it('answers 200 to payloads Slack never sends, and stores nothing', async () => {
    const hostile = [
      interactionBody({ type: 'block_actions', user: null, team: { id: TEAM_ID }, actions: [{ action_id: 'conversation_take_over', value: 'x' }] }),
      interactionBody({ type: 'block_actions', user: { id: 'U1' }, team: { id: TEAM_ID }, channel: null, actions: [{ action_id: 'conversation_close' }] }),
      interactionBody({ type: 'view_submission', user: { id: 'U1' }, team: null }),
      interactionBody({ type: 'block_actions', user: { id: 'U1' }, team: { id: TEAM_ID }, actions: [{ action_id: 'conversation_close', value: 'not-a-uuid' }] }),
      interactionBody({ type: 'something_new', user: { id: 'U1' } }),
      eventBody({ type: 'event_callback', event: { type: 'message' } }),
      eventBody({ type: 'event_callback', event_id: newEventId(), event: null }),
      eventBody({ type: 'app_rate_limited', minute_rate_limited: 1 }),
    ];
    const before = await h.app.db.slackInbox.count();
    for (const req of hostile) {
      const res = await h.slackRequest(req);
      expect({ status: res.status, body: req.body.slice(0, 60) }).toEqual({ status: 200, body: req.body.slice(0, 60) });
    }
    expect(await h.app.db.slackInbox.count()).toBe(before);
  });
});

describe('crash safety of thread posts', () => {
  it('finds a post Slack took just before a crash, instead of posting it again', async () => {
    const { id: externalId, threadTs } = await openThread(h);
    const conversation = await h.app.db.conversation.findFirstOrThrow({ where: { externalId } });
    await waitUntil(async () => (await h.app.db.threadPost.count({ where: { conversationId: conversation.id, slackTs: null } })) === 0);
    // A worker took a post, Slack accepted it, and the worker died before recording it: its lease ran out.
    const post = await h.app.db.threadPost.create({ data: { conversationId: conversation.id, kind: 'notice', body: { intro: true } } });
    const crashed = new WebClient('xoxb-test-token', { slackApiUrl: h.slack.url });
    const posted = await crashed.chat.postMessage({
      channel: ALERTS_CHANNEL,
      thread_ts: threadTs,
      text: 'posted by the worker that died',
      metadata: { event_type: 'handoff_post', event_payload: { id: `post:${post.seq}:0` } },
    });
    await h.app.db.conversation.update({ where: { id: conversation.id }, data: { threadLeaseUntil: new Date(Date.now() - 1000) } });
    const marked = (c: { method: string; args: Record<string, unknown> }) =>
      c.method === 'chat.postMessage' && (c.args.metadata as { event_payload?: { id?: string } } | undefined)?.event_payload?.id === `post:${post.seq}:0`;
    await sweepNow(h);
    await waitUntil(async () => (await h.app.db.threadPost.findUniqueOrThrow({ where: { seq: post.seq } })).slackTs !== null);
    expect((await h.app.db.threadPost.findUniqueOrThrow({ where: { seq: post.seq } })).slackTs).toBe(posted.ts);
    expect(h.slack.calls().filter(marked)).toHaveLength(1);
    expect(h.slack.calls('conversations.replies')).toHaveLength(1);
  });
});
