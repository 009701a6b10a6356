import { randomUUID } from 'node:crypto';
import { alertBody } from './alerts';
import { ALERTS_CHANNEL, type Harness } from './harness';
import { commandBody, eventBody, interactionBody } from './slack-signing';
import { APP_ID, TEAM_ID } from './slack-stand-in';
import type { StateValues } from '../../src/slack/blocks/triage-modals';

// What a person in the Slack workspace does, sent to Handoff exactly as Slack sends it: signed events,
// block_actions and view_submission payloads.

export interface OpenConversation {
  // Handoff's id, carried in button values.
  id: string;
  // The bot platform's id, in every platform event.
  externalId: string;
  rootTs: string;
  customerName: string;
}

// Sends an alert and waits for its root message in the alerts channel (`channel`, with many workspaces).
export async function openConversation(h: Harness, overrides: Record<string, unknown> = {}, channel = ALERTS_CHANNEL): Promise<OpenConversation> {
  // A name of its own, so its root message is told apart from every other conversation's.
  const given = overrides.customer as { name?: string } | undefined;
  const customerName = given?.name ?? `Customer ${randomUUID().slice(0, 8)}`;
  const defaults = alertBody({ transcript: [] });
  // A customer of its own too, unless the test says whose it is: conversations of one customer share a record.
  const customer = { ...(defaults.customer as object), id: `cus_${randomUUID().slice(0, 8)}`, ...given, name: customerName };
  const body: Record<string, unknown> = { ...defaults, ...overrides, customer };
  const res = await h.platformRequest('/api/v1/handoffs', body);
  if (res.status !== 202) throw new Error(`alert refused: ${res.status} ${await res.text()}`);
  const [root] = await h.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts && String(c.args.text).includes(customerName),
  );
  const rootTs = (root!.response as { ts: string }).ts;
  // The stand-in records the call before Handoff has stored the ts it answered with; until then a reply or a
  // reaction on that message is, rightly, not recognised as being on an alert.
  const where = { externalId: body.conversationId as string, slackThreadTs: rootTs };
  await waitUntil(async () => (await h.app.db.conversation.count({ where })) === 1);
  const row = await h.app.db.conversation.findFirstOrThrow({ where });
  return { id: row.id, externalId: row.externalId, rootTs, customerName };
}

// The relay's view of a conversation: the platform's id, which every delivery carries, and its thread.
export async function openThread(h: Harness, overrides: Record<string, unknown> = {}): Promise<{ id: string; threadTs: string; customerName: string }> {
  const c = await openConversation(h, overrides);
  return { id: c.externalId, threadTs: c.rootTs, customerName: c.customerName };
}

let messageSeconds = 1_800_000_000;

// A fresh ts for a message a person writes in Slack; unique within a test file, which has its own database.
export function nextMessageTs(): string {
  messageSeconds += 1;
  return `${messageSeconds}.000300`;
}

export function newEventId(): string {
  return `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

// The Events API envelope Slack wraps every event in; `teamId` is the workspace it happened in.
export function eventEnvelope(event: Record<string, unknown>, eventId: string = newEventId(), teamId = TEAM_ID) {
  return { token: 'unused', team_id: teamId, api_app_id: APP_ID, type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event };
}

// How Slack marks a delivery it sends again because the previous one got no 2xx in time.
export function retryHeaders(retryNum: number, reason = 'http_timeout'): Record<string, string> {
  return retryNum > 0 ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': reason } : {};
}

// An Events API delivery; `retryNum` marks it as one of Slack's retries.
export async function sendEvent(h: Harness, event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number; teamId?: string } = {}): Promise<string> {
  const envelope = eventEnvelope(event, opts.eventId, opts.teamId);
  const res = await h.slackRequest(eventBody(envelope), { headers: retryHeaders(opts.retryNum ?? 0) });
  if (res.status !== 200) throw new Error(`event refused: ${res.status} ${await res.text()}`);
  return envelope.event_id;
}

export interface Press {
  actionId: string;
  value: string;
  userId: string;
  rootTs: string;
  responseUrl: string;
  triggerId?: string;
  // Where the click happened, with many workspaces.
  teamId?: string;
  channel?: string;
}

// Slack stamps every click with its own action_ts (seconds.microseconds); two clicks never share one.
let clicks = 0;
function actionTs(): string {
  const micros = Date.now() * 1000 + (clicks++ % 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

// The block_actions payload of a click on a button of the alert message, as Slack sends it over either transport.
export function buttonPress(p: Press) {
  const teamId = p.teamId ?? TEAM_ID;
  const channel = p.channel ?? ALERTS_CHANNEL;
  return {
    type: 'block_actions',
    user: { id: p.userId, team_id: teamId },
    team: { id: teamId },
    api_app_id: APP_ID,
    trigger_id: p.triggerId ?? `${Date.now()}.${randomUUID().slice(0, 8)}`,
    container: { type: 'message', message_ts: p.rootTs, channel_id: channel },
    channel: { id: channel },
    message: { ts: p.rootTs },
    response_url: p.responseUrl,
    actions: [{ type: 'button', action_id: p.actionId, block_id: 'conversation_actions', value: p.value, action_ts: actionTs() }],
  };
}

// A click on a button of the alert message, signed and posted to /slack/events; `headers` are sent along, as a
// proxy in front of Handoff might.
export async function pressButton(h: Harness, p: Press, headers: Record<string, string> = {}): Promise<void> {
  const res = await h.slackRequest(interactionBody(buttonPress(p)), { headers });
  if (res.status !== 200) throw new Error(`click refused: ${res.status} ${await res.text()}`);
}

// Clicks a button that opens a modal; returns the modal as Slack opened it (views.open's answer, which a
// submission carries).
export async function pressForModal(h: Harness, p: Omit<Press, 'triggerId'>): Promise<Record<string, unknown>> {
  const triggerId = `${Date.now()}.${randomUUID().slice(0, 8)}`;
  await pressButton(h, { ...p, triggerId });
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === triggerId);
  return (opened!.response as { view: Record<string, unknown> }).view;
}

// The platform event of `type` about the conversation, once it arrived, checked to be signed as Handoff signs.
export async function platformEvent(h: Harness, c: Pick<OpenConversation, 'externalId'>, type: string): Promise<{ data: Record<string, unknown> }> {
  const [event] = await h.platform.waitFor((d) => {
    const body = d.body as { conversationId: string; type: string };
    return body.conversationId === c.externalId && body.type === type;
  });
  if (!event!.verified) throw new Error(`${type} arrived without a valid signature`);
  return event!.body as { data: Record<string, unknown> };
}

// Picks an option of the alert's overflow menu, as Slack sends the choice.
export async function pickFromMenu(h: Harness, p: Omit<Press, 'value'> & { option: string }): Promise<void> {
  const action = { type: 'overflow', action_id: p.actionId, block_id: 'conversation_actions', selected_option: { text: { type: 'plain_text', text: 'menu' }, value: p.option }, action_ts: actionTs() };
  const res = await h.slackRequest(interactionBody({ ...buttonPress({ ...p, value: '' }), actions: [action] }));
  if (res.status !== 200) throw new Error(`menu choice refused: ${res.status} ${await res.text()}`);
}

// Picks a menu option that opens a modal; returns the modal as Slack opened it.
export async function pickForModal(h: Harness, p: Omit<Press, 'value' | 'triggerId'> & { option: string }): Promise<Record<string, unknown>> {
  const triggerId = `${Date.now()}.${randomUUID().slice(0, 8)}`;
  await pickFromMenu(h, { ...p, triggerId });
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === triggerId);
  return (opened!.response as { view: Record<string, unknown> }).view;
}

// What Slack sends back from the Close or Restore to AI modal: the note, null when left empty.
export const handBackValues = (note: string | null) => ({ hand_back_note_block: { hand_back_note: { type: 'plain_text_input', value: note } } });

// The state of the Assign modal's inputs as Slack sends it with the submission.
export const assignValues = (user: string | null, priority: string, note: string | null = null) => ({
  assign_user_block: { assign_user: { type: 'users_select', selected_user: user } },
  assign_note_block: { assign_note: { type: 'plain_text_input', value: note } },
  assign_priority_block: { assign_priority: { type: 'static_select', selected_option: { value: priority } } },
});

// The state of the Tag modal's inputs; `selected` are option values, null when the modal had no list.
export const tagValues = (selected: string[] | null, typed: string | null) => ({
  ...(selected === null ? {} : { tag_select_block: { tag_select: { type: 'multi_static_select', selected_options: selected.map((value) => ({ value })) } } }),
  tag_new_block: { tag_new: { type: 'plain_text_input', value: typed } },
});

// Submits a modal as Slack does: the view Handoff opened (as views.open returned it) with the inputs' state.
// Returns Slack's view of the answer: an empty body closes the modal, `response_action: errors` keeps it open.
export async function submitView(h: Harness, view: Record<string, unknown>, userId: string, values: StateValues, teamId = TEAM_ID): Promise<Record<string, unknown>> {
  const payload = {
    type: 'view_submission',
    team: { id: teamId, domain: teamId.toLowerCase() },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: APP_ID,
    token: 'unused',
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    view: { ...view, state: { values } },
    is_enterprise_install: false,
  };
  const res = await h.slackRequest(interactionBody(payload));
  if (res.status !== 200) throw new Error(`submission refused: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface TypedCommand {
  userId: string;
  // What follows `/handoff`, as typed.
  text: string;
  responseUrl: string;
  teamId?: string;
  channel?: string;
  // The web replica Slack's request reaches (a base URL), when there are several.
  via?: string;
}

// `/handoff …` typed in Slack: the form post Slack sends, signed. Resolves with Handoff's HTTP answer, whose
// body (when not empty) is what Slack shows the person at once.
export async function typeCommand(h: Harness, c: TypedCommand): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const teamId = c.teamId ?? TEAM_ID;
  const res = await h.slackRequest(
    commandBody({
      token: 'unused',
      team_id: teamId,
      team_domain: teamId.toLowerCase(),
      channel_id: c.channel ?? ALERTS_CHANNEL,
      channel_name: 'support',
      user_id: c.userId,
      user_name: c.userId.toLowerCase(),
      command: '/handoff',
      text: c.text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: c.responseUrl,
      trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    }),
    { via: c.via },
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
