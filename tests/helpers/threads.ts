import { randomUUID } from 'node:crypto';
import { alertBody } from './alerts';
import { ALERTS_CHANNEL, type Harness } from './harness';
import { eventBody } from './slack-signing';
import { APP_ID, TEAM_ID } from './slack-stand-in';
import { WAIT_MS } from './timeouts';

// A conversation with its alert in Slack, and what agents do in its thread, for tests against a running Handoff.

let ts = 1_850_000_000;

// A fresh Slack message ts; unique within a test file, which has its own database.
export function nextMessageTs(): string {
  ts += 1;
  return `${ts}.000300`;
}

// Raises an alert and waits until Handoff tracks its thread, the one agents reply in.
export async function openConversation(h: Harness, overrides: Record<string, unknown> = {}): Promise<{ id: string; threadTs: string }> {
  const name = `Customer ${randomUUID().slice(0, 8)}`;
  const body = alertBody({ transcript: [], customer: { name }, ...overrides });
  await h.platformRequest('/api/v1/handoffs', body);
  const [root] = await h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS_CHANNEL && !c.args.thread_ts && String(c.args.text).includes(name),
  );
  const opened = { id: body.conversationId as string, threadTs: (root!.response as { ts: string }).ts };
  await untilTracked(h, opened);
  return opened;
}

// The stand-in records the alert before Handoff has read Slack's answer. A reply sent before Handoff stored
// the thread's ts is in a thread it does not track, and is rightly ignored: on a busy machine that gap is real.
async function untilTracked(h: Harness, { id, threadTs }: { id: string; threadTs: string }): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await h.app.db.conversation.findFirst({ where: { externalId: id, slackThreadTs: threadTs }, select: { id: true } }))) {
    if (Date.now() > deadline) throw new Error(`Handoff never stored thread ${threadTs} for conversation ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Sends an event in the alerts channel to /slack/events, signed exactly as Slack signs it.
export async function sendSlackEvent(h: Harness, event: Record<string, unknown>): Promise<void> {
  const envelope = {
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { channel: ALERTS_CHANNEL, channel_type: 'channel', ...event },
  };
  expect((await h.slackRequest(eventBody(envelope))).status).toBe(200);
}
