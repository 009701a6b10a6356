import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { replySettled } from '../helpers/settle';
import { eventBody } from '../helpers/slack-signing';
import { TEAM_ID } from '../helpers/slack-stand-in';
import { nextMessageTs, openConversation, pressButton, sendEvent, waitUntil } from '../helpers/slack-user';

let h: Harness;
useHarness((started) => (h = started), { captureLogs: true });

// What a proxy or a careless client might send along: a credential in a header.
const SECRET = 'xoxb-9999-secret-in-a-header';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const lines = () => h.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
const linesOf = (requestId: string) => lines().filter((l) => l.requestId === requestId);

describe('logs written while a request is handled', () => {
  it("carry the caller's request id, echoed in the response, and never a header's secret or the message's text", async () => {
    const text = 'my card number is 4242 4242 4242 4242';
    // Not what Slack sends (no event_id): Handoff logs it and answers 200.
    const res = await h.slackRequest(eventBody({ type: 'event_callback', team_id: TEAM_ID, event: { type: 'message', text } }), {
      headers: { 'x-request-id': 'req-edge-1', authorization: `Bearer ${SECRET}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-edge-1');
    await waitUntil(async () => linesOf('req-edge-1').length > 0);
    expect(linesOf('req-edge-1').map((l) => l.msg)).toEqual(['ignored a Slack event that is not what Slack sends']);
    expect(h.logs.join('\n')).not.toContain(SECRET);
    expect(h.logs.join('\n')).not.toContain(text);
  });

  it('name the workspace once the request is matched to one, under an id of their own when the given one is not sane', async () => {
    const c = await openConversation(h);
    const given = 'req with spaces\tand a tab';
    await pressButton(h, { actionId: 'conversation_take_over', value: 'not-a-conversation', userId: 'U0AGENT1', rootTs: c.rootTs, responseUrl: 'https://hooks.slack.test/unused' }, { 'x-request-id': given });
    await waitUntil(async () => lines().some((l) => l.msg === 'a button press carried no conversation id'));
    const line = lines().find((l) => l.msg === 'a button press carried no conversation id')!;
    expect(line.requestId).toMatch(UUID);
    expect(line.workspaceId).toBe(h.app.tenancy!.workspaceId);
    expect(h.logs.join('\n')).not.toContain(given);
  });

  it("keep what customers and agents wrote out of every line, through a whole alert and relayed reply", async () => {
    const summary = 'Customer Dana says her parcel never arrived at 12 Elm Street';
    const reply = 'Dana, I am sending a new parcel to 12 Elm Street today';
    const c = await openConversation(h, { summary, transcript: [{ role: 'customer', text: summary }] });
    const ts = nextMessageTs();
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0AGENT1', text: reply, ts, thread_ts: c.rootTs });
    await replySettled(h, ts);
    expect(h.platform.deliveries().some((d) => JSON.stringify(d.body).includes(reply))).toBe(true);
    expect(h.logs.length).toBeGreaterThan(0);
    for (const written of [summary, reply, 'Elm Street']) expect(h.logs.join('\n')).not.toContain(written);
  });
});
