import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { buttonPress, newEventId, nextMessageTs, openConversation, openThread, waitUntil } from '../helpers/slack-user';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { SocketModeStandIn } from '../helpers/socket-mode-stand-in';
import { APP_ID, TEAM_ID } from '../helpers/slack-stand-in';

// The same durable edge as over HTTP: an event is acknowledged on the websocket only once it is stored, a
// button press only once its effect is committed.
let h: Harness;
let socket: SocketModeStandIn;
const respond = new ResponseUrlStandIn();

beforeAll(async () => {
  socket = new SocketModeStandIn();
  await respond.start();
  h = await startHarness({ SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-secret', RELAY_GRACE_SECONDS: '0' }, { captureLogs: true, beforeStart: (slack) => slack.setSocketModeUrl(socket.url) });
  await socket.waitForConnection();
});
afterAll(async () => {
  await h?.stop();
  await socket?.stop();
  await respond.stop();
});

function replyPayload(threadTs: string, text: string, eventId = newEventId()) {
  return {
    token: 'unused', team_id: TEAM_ID, api_app_id: APP_ID, type: 'event_callback', event_id: eventId, event_time: 1,
    event: { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0AGENT1', text, ts: nextMessageTs(), thread_ts: threadTs },
  };
}


describe('Socket Mode', () => {
  it('acknowledges an event only once it is stored, then relays it', async () => {
    const { id, threadTs } = await openThread(h);
    const payload = replyPayload(threadTs, 'over the websocket');
    await socket.waitForAck(socket.sendEvent(payload));
    expect(await h.app.db.slackInbox.findUnique({ where: { key: payload.event_id } })).not.toBeNull();
    await h.platform.waitFor((d) => repliesTo(h, id).includes(d));
    expect(replyTexts(repliesTo(h, id))).toEqual(['over the websocket']);
  });

  it('leaves an event it could not store unacknowledged, so Slack redelivers it, and relays the redelivery once', async () => {
    const { id, threadTs } = await openThread(h);
    const payload = replyPayload(threadTs, 'redelivered');
    await h.app.db.$executeRawUnsafe('ALTER TABLE "SlackInbox" RENAME TO "SlackInboxAway"');
    let first = '';
    try {
      first = socket.sendEvent(payload);
      await waitUntil(() => h.logs.some((l) => l.includes(payload.event_id) && l.includes('could not store a Slack event')));
    } finally {
      await h.app.db.$executeRawUnsafe('ALTER TABLE "SlackInboxAway" RENAME TO "SlackInbox"');
    }
    const second = socket.sendEvent(payload, 1);
    await socket.waitForAck(second);
    await h.platform.waitFor((d) => repliesTo(h, id).includes(d));
    await waitUntil(async () => (await h.app.db.slackInbox.findUnique({ where: { key: payload.event_id } }))?.processedAt != null);
    expect(socket.acknowledged().map((a) => a.envelopeId)).not.toContain(first);
    expect(repliesTo(h, id)).toHaveLength(1);
  });

  it('acknowledges a Take over press only once the take-over is committed, then updates the alert', async () => {
    const c = await openConversation(h);
    const press = buttonPress({ actionId: 'conversation_take_over', value: c.id, userId: 'U0ALICE', rootTs: c.rootTs, responseUrl: respond.url });
    await socket.waitForAck(socket.sendInteraction(press));
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'human', assigneeId: 'U0ALICE' });
    const [update] = await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === c.rootTs);
    expect(JSON.stringify(update!.args.blocks)).toContain('Taken by <@U0ALICE>');
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'conversation.taken_over' && (d.body as { conversationId: string }).conversationId === c.externalId);
  });

  const command = (text: string) =>
    socket.sendSlashCommand({
      token: 'unused', team_id: TEAM_ID, team_domain: 'handoff-test', channel_id: ALERTS_CHANNEL, channel_name: 'alerts',
      user_id: 'U0ALICE', user_name: 'alice', command: '/handoff', text, api_app_id: APP_ID,
      response_url: respond.url, trigger_id: `${Date.now()}.trigger`,
    });

  it('answers /handoff help in the acknowledgement itself', async () => {
    const [ack] = await socket.waitForAck(command('help'));
    expect(ack!.payload).toMatchObject({ response_type: 'ephemeral', text: 'What /handoff does' });
  });

  it('acknowledges /handoff queue with nothing and sends the list by the response_url', async () => {
    const [ack] = await socket.waitForAck(command('queue'));
    expect(ack!.payload).toEqual({});
    const [answer] = await respond.waitFor((b) => /^(Waiting for an agent|Nobody is waiting)/.test(String(b.text)));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
  });
});
