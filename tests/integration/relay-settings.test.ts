import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { interactionBody } from '../helpers/slack-signing';
import { TEAM_ID } from '../helpers/slack-stand-in';
import { replySettled } from '../helpers/settle';
import { nextMessageTs, openThread, sendEvent, waitUntil } from '../helpers/slack-user';

// Grace period and relay modes need their own running Handoff each, with its own settings.
async function slackEvent(h: Harness, event: Record<string, unknown>): Promise<void> {
  await sendEvent(h, { channel: ALERTS_CHANNEL, channel_type: 'channel', ...event });
}

// An agent edits or deletes a message Slack has already told us about; wait until we have it.
function replyStored(h: Harness, slackTs: string): Promise<void> {
  return waitUntil(async () => (await h.app.db.message.findFirst({ where: { slackTs } })) !== null);
}

const agentText = (h: Harness, id: string) =>
  h.platform
    .deliveries()
    .filter((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === id)
    .map((d) => (d.body as { data: { text: string } }).data.text);

describe('the grace period before a reply leaves Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ RELAY_GRACE_SECONDS: '1' });
  });
  afterAll(async () => {
    expect(h.platform.problems()).toEqual([]);
    await h.stop();
  });

  it('sends nothing when the agent deletes the reply in time', async () => {
    const { id, threadTs } = await openThread(h);
    const replyTs = nextMessageTs();
    await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'oops, wrong customer', ts: replyTs, thread_ts: threadTs });
    await replyStored(h, replyTs);
    await slackEvent(h, { type: 'message', subtype: 'message_deleted', deleted_ts: replyTs, previous_message: { type: 'message', user: 'U0AGENT1', text: 'oops, wrong customer', ts: replyTs, thread_ts: threadTs }, ts: nextMessageTs() });
    await replySettled(h, replyTs);
    expect(agentText(h, id)).toEqual([]);
    const stored = await h.app.db.message.findFirstOrThrow({ where: { slackTs: replyTs } });
    expect(stored.relayState).toBe('withdrawn');
  });

  it('sends the corrected text when the agent edits the reply in time', async () => {
    const { id, threadTs } = await openThread(h);
    const replyTs = nextMessageTs();
    await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'Your refund is $1000', ts: replyTs, thread_ts: threadTs });
    await replyStored(h, replyTs);
    await slackEvent(h, { type: 'message', subtype: 'message_changed', message: { type: 'message', user: 'U0AGENT1', text: 'Your refund is $100', ts: replyTs, thread_ts: threadTs }, ts: nextMessageTs() });
    await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === id);
    expect(agentText(h, id)).toEqual(['Your refund is $100']);
  });
});

describe('relay modes', () => {
  it('relays nothing in alerts-only mode', async () => {
    const h = await startHarness({ RELAY_MODE: 'alerts_only' });
    try {
      const { id, threadTs } = await openThread(h);
      const replyTs = nextMessageTs();
      await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'just chatting with the team', ts: replyTs, thread_ts: threadTs });
      await replySettled(h, replyTs);
      expect(agentText(h, id)).toEqual([]);
      expect((await h.app.db.message.findFirstOrThrow({ where: { slackTs: replyTs } })).relayState).toBe('not_relayed');
    } finally {
      expect(h.platform.problems()).toEqual([]);
      await h.stop();
    }
  });

  it('relays only replies that start with the send marker, without the marker', async () => {
    const h = await startHarness({ RELAY_MODE: 'marker', RELAY_SEND_MARKER: '>>' });
    try {
      const { id, threadTs } = await openThread(h);
      const [talk, marked] = [nextMessageTs(), nextMessageTs()];
      await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'team talk, not for the customer', ts: talk, thread_ts: threadTs });
      await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: '&gt;&gt; Hello from the team!', ts: marked, thread_ts: threadTs });
      await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message');
      await replySettled(h, talk);
      await replySettled(h, marked);
      expect(agentText(h, id)).toEqual(['Hello from the team!']);
    } finally {
      expect(h.platform.problems()).toEqual([]);
      await h.stop();
    }
  });
});

describe('a reply whose delivery ran out of retries', () => {
  it('offers Retry in the thread, and pressing it delivers the reply', async () => {
    const h = await startHarness({ JOB_ATTEMPTS: '2' });
    try {
      const { id, threadTs } = await openThread(h);
      // The first reply takes the conversation over; only the reply after it meets the outage.
      await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'Looking into it', ts: nextMessageTs(), thread_ts: threadTs });
      await h.platform.waitFor((d) => (d.body as { type: string }).type === 'agent.message');
      h.platform.reset();
      h.platform.respondWith(503, { error: 'unavailable' }, 2);
      const replyTs = nextMessageTs();
      await slackEvent(h, { type: 'message', user: 'U0AGENT1', text: 'Sorry for the wait', ts: replyTs, thread_ts: threadTs });
      const [notice] = await h.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && String(c.args.text).includes('not delivered'),
      );
      const button = JSON.stringify(notice!.args.blocks).match(/"action_id":"relay_retry_delivery","value":"([0-9a-f-]+)"/);
      expect(button).not.toBeNull();
      // Both attempts reached the platform and were refused.
      expect(agentText(h, id)).toHaveLength(2);

      const payload = {
        type: 'block_actions',
        user: { id: 'U0AGENT1', team_id: TEAM_ID },
        team: { id: TEAM_ID },
        api_app_id: 'A0HANDOFF',
        trigger_id: '1.2.3',
        container: { type: 'message', message_ts: (notice!.response as { ts: string }).ts, channel_id: ALERTS_CHANNEL },
        channel: { id: ALERTS_CHANNEL },
        response_url: `${h.platform.url}/unused`,
        actions: [{ type: 'button', action_id: 'relay_retry_delivery', block_id: 'b', value: button![1], action_ts: '1' }],
      };
      const res = await h.slackRequest(interactionBody(payload));
      expect(res.status).toBe(200);
      await h.slack.waitFor((c) => c.method === 'chat.update' && String(c.args.text).includes('delivered on retry'));
      const attempts = h.platform.deliveries().filter((d) => (d.body as { type: string }).type === 'agent.message');
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((d) => d.headers['webhook-id'])).size).toBe(1);
      expect((await h.app.db.message.findFirstOrThrow({ where: { slackTs: replyTs } })).relayState).toBe('delivered');
    } finally {
      expect(h.platform.problems()).toEqual([]);
      await h.stop();
    }
  });
});
