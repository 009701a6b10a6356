import { ALERTS_CHANNEL, startHarness, type Harness } from '../helpers/harness';
import { newEventId, nextMessageTs, openThread, waitUntil } from '../helpers/slack-user';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { SocketModeStandIn } from '../helpers/socket-mode-stand-in';
import { APP_ID, TEAM_ID } from '../helpers/slack-stand-in';

// The same durable edge as over HTTP: an event is acknowledged on the websocket only once it is stored.
let h: Harness;
let socket: SocketModeStandIn;

beforeAll(async () => {
  socket = new SocketModeStandIn();
  h = await startHarness({ SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-secret', RELAY_GRACE_SECONDS: '0' }, { captureLogs: true, beforeStart: (slack) => slack.setSocketModeUrl(socket.url) });
  await socket.waitForConnection();
});
afterAll(async () => {
  await h?.stop();
  await socket?.stop();
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
});
