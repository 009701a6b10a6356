import { randomUUID } from 'node:crypto';
import { alertBody } from '../helpers/alerts';
import { ALERTS_CHANNEL } from '../helpers/harness';
import { eventBody, interactionBody, signedSlackHeaders, type SlackRequestBody } from '../helpers/slack-signing';
import { APP_ID, TEAM_ID, type SlackCall } from '../helpers/slack-stand-in';
import { eventEnvelope, nextMessageTs } from '../helpers/slack-user';
import { signPlatformRequest } from '../helpers/standard-webhooks';
import { ACTIONS, VIEWS } from '../../src/slack/ids';
import { toPost } from './helpers/scenario';
import { useStage } from './helpers/stage';
import { newWebhookId } from './helpers/traffic';

jest.setTimeout(120_000);

// Anything Slack or a platform could send, signed correctly, that no listener or route is written for. Each
// may be refused (4xx) or ignored (2xx); none may be answered 5xx, hang, or leave the app unable to serve
// the next normal request.

// Bolt answers a request no listener acknowledges after about 3 s; anything slower hangs.
const ANSWER_WITHIN_MS = 10_000;
const HUGE = 2 * 1024 * 1024;
const NUL = '\u0000';

const stage = useStage();

interface Hostile {
  name: string;
  send(): Promise<Response>;
}

interface Target {
  conversationId: string;
  externalId: string;
  rootTs: string;
}

it('answers a storm of malformed and hostile requests without a 5xx, and still serves a normal alert afterwards', async () => {
  const target = await alertedConversation(`Storm ${randomUUID().slice(0, 8)}`);
  const storm = [...slackInteractions(target), ...slackEvents(target), ...platformRequests(target)];
  const answers = await Promise.all(storm.map(answerTo));
  const failed = answers.filter((a) => !a.acceptable).map((a) => a.line);
  if (process.env.FAULT_TESTS_REPORT) console.log(answers.map((a) => a.line).join('\n'));

  const health = await fetch(`${stage().url()}/healthz`).then((r) => r.status, (err: Error) => err.message);
  const after = await alertedConversation(`After storm ${randomUUID().slice(0, 8)}`).then(() => 'posted', (err: Error) => err.message);
  expect({ failed, health, after, exits: stage().appReport().unexpectedExits }).toEqual({ failed: [], health: 200, after: 'posted', exits: [] });
});

async function answerTo(h: Hostile): Promise<{ acceptable: boolean; line: string }> {
  try {
    const res = await h.send();
    const body = (await res.text()).slice(0, 200);
    return { acceptable: res.status < 500, line: `${h.name}: ${res.status} ${body}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { acceptable: false, line: `${h.name}: no answer (${e.name === 'TimeoutError' ? `none within ${ANSWER_WITHIN_MS} ms` : e.cause?.code ?? e.message})` };
  }
}

// Sends a normal alert and waits for its message and first thread post in Slack.
async function alertedConversation(customerName: string): Promise<Target> {
  const externalId = `conv_${randomUUID()}`;
  const res = await platform('/api/v1/handoffs', JSON.stringify(alertBody({ conversationId: externalId, customer: { id: 'cus_storm', name: customerName } })));
  if (res.status !== 202) throw new Error(`alert answered ${res.status}: ${await res.text()}`);
  const [root] = await stage().slack.waitFor((c) => isRoot(c, customerName));
  const rootTs = (root!.response as { ts: string }).ts;
  await stage().slack.waitFor((c) => toPost(c).posted && c.args.thread_ts === rootTs);
  const blocks = JSON.stringify(root!.args.blocks);
  const conversationId = new RegExp(`"action_id":"${ACTIONS.takeOver}","value":"([0-9a-f-]{36})"`).exec(blocks)?.[1] ?? /"value":"([0-9a-f-]{36})"/.exec(blocks)?.[1];
  if (!conversationId) throw new Error(`no conversation id in the alert's buttons: ${blocks}`);
  return { conversationId, externalId, rootTs };
}

function isRoot(c: SlackCall, customerName: string): boolean {
  const post = toPost(c);
  return post.posted && post.channel === ALERTS_CHANNEL && post.threadTs === undefined && post.text.includes(customerName);
}

function slack(request: SlackRequestBody, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stage().url()}/slack/events`, {
    method: 'POST',
    body: request.body,
    headers: { ...signedSlackHeaders(stage().secrets.slackSigning, request), ...headers },
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
}

function platform(path: string, raw: string, opts: { contentType?: string; unsigned?: boolean } = {}): Promise<Response> {
  const signature = opts.unsigned ? {} : signPlatformRequest(stage().secrets.platformSigning, raw, { id: newWebhookId() });
  return fetch(`${stage().url()}${path}`, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': opts.contentType ?? 'application/json', ...signature },
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
}

const interaction = (name: string, payload: unknown): Hostile => ({ name, send: () => slack(interactionBody(payload as object)) });
const rawForm = (name: string, body: string): Hostile => ({ name, send: () => slack({ body, contentType: 'application/x-www-form-urlencoded' }) });

function slackInteractions(t: Target): Hostile[] {
  const click = (actionId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'block_actions',
    user: { id: 'U0STORM', team_id: TEAM_ID },
    team: { id: TEAM_ID },
    api_app_id: APP_ID,
    trigger_id: `${Date.now()}.storm`,
    container: { type: 'message', message_ts: t.rootTs, channel_id: ALERTS_CHANNEL },
    channel: { id: ALERTS_CHANNEL },
    message: { ts: t.rootTs },
    response_url: 'http://127.0.0.1:9/response',
    actions: [{ type: 'button', action_id: actionId, block_id: 'conversation_actions', value: t.conversationId, action_ts: '1' }],
    ...overrides,
  });
  const submission = (callbackId: string, overrides: Record<string, unknown> = {}) => ({
    type: 'view_submission',
    team: { id: TEAM_ID },
    user: { id: 'U0STORM', team_id: TEAM_ID },
    api_app_id: APP_ID,
    view: { id: 'V0STORM', type: 'modal', callback_id: callbackId, private_metadata: JSON.stringify({ conversationId: t.conversationId }), state: { values: {} }, blocks: [] },
    ...overrides,
  });
  const firstAction = (value: unknown) => [{ type: 'button', action_id: ACTIONS.takeOver, block_id: 'conversation_actions', value, action_ts: '1' }];
  return [
    ...Object.values(ACTIONS).map((id) => interaction(`${id} click with user: null`, click(id, { user: null }))),
    ...Object.values(VIEWS).map((id) => interaction(`${id} submission with user: null`, submission(id, { user: null }))),
    interaction('click without a user', { ...click(ACTIONS.takeOver), user: undefined }),
    interaction('click with user: {}', click(ACTIONS.takeOver, { user: {} })),
    interaction('click with user as a string', click(ACTIONS.close, { user: 'U0STORM' })),
    interaction('click with actions: null', click(ACTIONS.takeOver, { actions: null })),
    interaction('click with no actions', click(ACTIONS.takeOver, { actions: [] })),
    interaction('click with an empty action', click(ACTIONS.takeOver, { actions: [{}] })),
    interaction('click whose value is not a conversation id', click(ACTIONS.takeOver, { actions: firstAction('<script>') })),
    interaction('click on a conversation that does not exist', click(ACTIONS.close, { actions: firstAction(randomUUID()) })),
    interaction('click whose value is a number', click(ACTIONS.assign, { actions: firstAction(42) })),
    interaction('click without channel, container or message', click(ACTIONS.tag, { channel: undefined, container: undefined, message: undefined })),
    interaction('click without a response_url', click(ACTIONS.retryDelivery, { response_url: undefined, actions: [{ ...firstAction(randomUUID())[0], action_id: ACTIONS.retryDelivery }] })),
    interaction('click with team: null', click(ACTIONS.takeOver, { team: null, user: { id: 'U0STORM' } })),
    interaction('interaction of an unknown type', { type: 'no_such_type', user: { id: 'U0STORM' }, team: { id: TEAM_ID } }),
    interaction('global shortcut nobody registered, user: null', { type: 'shortcut', callback_id: 'nope', trigger_id: '1.2', user: null, team: { id: TEAM_ID } }),
    interaction('message shortcut, user: null', { type: 'message_action', callback_id: 'nope', trigger_id: '1.2', user: null, team: { id: TEAM_ID }, channel: { id: ALERTS_CHANNEL }, message: { ts: t.rootTs } }),
    interaction('options request, user: null', { type: 'block_suggestion', action_id: 'assign_user', block_id: 'b', value: 'x', user: null, team: { id: TEAM_ID } }),
    interaction('modal closed, user: null', { type: 'view_closed', user: null, team: { id: TEAM_ID }, view: { callback_id: VIEWS.assign } }),
    interaction('submission with view: null', submission(VIEWS.assign, { view: null })),
    interaction('submission without state', submission(VIEWS.tag, { view: { callback_id: VIEWS.tag, private_metadata: '{}' } })),
    interaction('submission whose private_metadata is not JSON', submission(VIEWS.assign, { view: { callback_id: VIEWS.assign, private_metadata: '{{', state: { values: {} } } })),
    interaction('submission for a conversation that does not exist', submission(VIEWS.assign, { view: { callback_id: VIEWS.assign, private_metadata: JSON.stringify({ conversationId: randomUUID() }), state: { values: {} } } })),
    rawForm('payload that is not JSON', new URLSearchParams({ payload: 'not json{' }).toString()),
    rawForm('payload: null', new URLSearchParams({ payload: 'null' }).toString()),
    rawForm('payload that is an array', new URLSearchParams({ payload: '[]' }).toString()),
    rawForm('payload that is a string', new URLSearchParams({ payload: '"click"' }).toString()),
    rawForm('payload that is a number', new URLSearchParams({ payload: '42' }).toString()),
    rawForm('form without a payload', new URLSearchParams({ something: 'else' }).toString()),
    interaction('2 MiB interaction', click(ACTIONS.takeOver, { padding: 'x'.repeat(HUGE) })),
  ];
}

function slackEvents(t: Target): Hostile[] {
  const event = (name: string, e: unknown, envelope: Record<string, unknown> = {}): Hostile => ({
    name,
    send: () => slack(eventBody({ ...eventEnvelope(e as Record<string, unknown>), ...envelope })),
  });
  const reply = { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', text: 'storm', thread_ts: t.rootTs };
  const json = (name: string, body: string): Hostile => ({ name, send: () => slack({ body, contentType: 'application/json' }) });
  return [
    event('event: null', null),
    event('event missing', undefined),
    event('event that is a string', 'message'),
    event('thread reply with user: null', { ...reply, user: null, ts: nextMessageTs() }),
    event('thread reply without ts', { ...reply, user: 'U0STORM' }),
    event('thread reply whose ts is a number', { ...reply, user: 'U0STORM', ts: 42 }),
    event('thread reply whose text is an object', { ...reply, user: 'U0STORM', ts: nextMessageTs(), text: { evil: true } }),
    event('thread reply with files: null', { ...reply, user: 'U0STORM', ts: nextMessageTs(), subtype: 'file_share', files: null }),
    event('edit with message: null', { type: 'message', subtype: 'message_changed', channel: ALERTS_CHANNEL, message: null, ts: nextMessageTs() }),
    event('deletion with previous_message: null', { type: 'message', subtype: 'message_deleted', channel: ALERTS_CHANNEL, previous_message: null, ts: nextMessageTs() }),
    event('reaction with item: null', { type: 'reaction_added', user: 'U0STORM', reaction: 'eyes', item: null }),
    event('reaction with user: null', { type: 'reaction_added', user: null, reaction: 'eyes', item: { type: 'message', channel: ALERTS_CHANNEL, ts: t.rootTs } }),
    event('event of an unknown type', { type: 'no_such_event', user: 'U0STORM' }),
    event('envelope of an unknown type', { type: 'message' }, { type: 'no_such_envelope' }),
    event('envelope without team_id or event_id', { ...reply, user: 'U0STORM', ts: nextMessageTs() }, { team_id: undefined, event_id: undefined }),
    json('url_verification', JSON.stringify({ token: 'unused', challenge: 'storm-challenge', type: 'url_verification' })),
    json('body that is not JSON', '{"type": "event_callback",'),
    json('body: null', 'null'),
    json('empty body', ''),
    event('2 MiB event', { ...reply, user: 'U0STORM', ts: nextMessageTs(), text: 'x'.repeat(HUGE) }),
    { name: 'event with a bad signature', send: () => slack(eventBody(eventEnvelope(reply)), { 'x-slack-signature': 'v0=00' }) },
    { name: 'event signed 10 minutes ago', send: () => slack(eventBody(eventEnvelope(reply)), { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) - 600) }) },
  ];
}

function platformRequests(t: Target): Hostile[] {
  const alert = (name: string, overrides: Record<string, unknown>): Hostile => ({
    name,
    send: () => platform('/api/v1/handoffs', JSON.stringify({ ...alertBody({ conversationId: `conv_${randomUUID()}` }), ...overrides })),
  });
  const messagePath = (conversationId: string) => `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`;
  const message = (name: string, body: unknown, conversationId = t.externalId): Hostile => ({ name, send: () => platform(messagePath(conversationId), JSON.stringify(body)) });
  const raw = (name: string, body: string, opts: { contentType?: string; unsigned?: boolean } = {}): Hostile => ({ name, send: () => platform('/api/v1/handoffs', body, opts) });
  const rating = (name: string, body: unknown, conversationId = t.externalId): Hostile => ({
    name,
    send: () => platform(`/api/v1/conversations/${encodeURIComponent(conversationId)}/rating`, JSON.stringify(body)),
  });
  return [
    alert('alert with U+0000 in conversationId', { conversationId: `conv${NUL}nul` }),
    alert('alert with U+0000 in the summary', { summary: `charged${NUL}twice` }),
    alert('alert with U+0000 in the customer name', { customer: { name: `Jane${NUL}Doe` } }),
    alert('alert with U+0000 in the transcript', { transcript: [{ role: 'customer', text: `help${NUL}me` }] }),
    alert('alert with U+0000 in metadata', { metadata: { [`k${NUL}`]: `v${NUL}` } }),
    alert('alert with U+0000 in the channel name', { channel: { type: 'instagram', name: `Acme${NUL}` } }),
    alert('alert with a lone surrogate in the summary', { summary: 'half \ud800 a character' }),
    alert('alert whose reason is a number', { reason: 42 }),
    alert('alert with an unknown priority', { priority: 'urgent!' }),
    alert('alert whose scores are a string', { scores: 'high' }),
    alert('alert whose transcript is a string', { transcript: 'x' }),
    alert('alert whose transcript role is unknown', { transcript: [{ role: 'bot', text: 'hi' }] }),
    alert('alert whose customer is an array', { customer: [] }),
    alert('alert whose conversationId is a number', { conversationId: 123 }),
    alert('alert whose metadata is nested', { metadata: { deep: { deeper: { deepest: true } } } }),
    raw('alert body that is an array', '[]'),
    raw('alert body: null', 'null'),
    raw('alert body that is a string', '"alert"'),
    raw('alert body nested 5,000 levels deep', `${'['.repeat(5000)}${']'.repeat(5000)}`),
    raw('alert body that is not JSON', '{"conversationId":'),
    raw('alert body over 1 MiB', JSON.stringify({ ...alertBody(), summary: 'x'.repeat(HUGE) })),
    raw('alert sent as text/plain', JSON.stringify(alertBody()), { contentType: 'text/plain' }),
    raw('unsigned alert', JSON.stringify(alertBody()), { unsigned: true }),
    message('customer message with U+0000 in the text', { id: `m_${randomUUID()}`, text: `hi${NUL}there` }),
    message('customer message with U+0000 in its id', { id: `m${NUL}${randomUUID()}`, text: 'hi' }),
    message('customer message with U+0000 in the conversation id', { id: `m_${randomUUID()}`, text: 'hi' }, `conv${NUL}x`),
    message('customer message for a conversation that does not exist', { id: `m_${randomUUID()}`, text: 'hi' }, `conv_${randomUUID()}`),
    message('customer message whose text is a number', { id: `m_${randomUUID()}`, text: 42 }),
    message('customer message whose attachments are a string', { id: `m_${randomUUID()}`, text: 'hi', attachments: 'file' }),
    message('customer message whose attachment url is javascript:', { id: `m_${randomUUID()}`, text: 'hi', attachments: [{ url: 'javascript:alert(1)' }] }),
    message('customer message for a 10,000-character conversation id', { id: `m_${randomUUID()}`, text: 'hi' }, 'c'.repeat(10_000)),
    rating('rating of an open conversation', { score: 5 }),
    rating('rating with U+0000 in the comment', { score: 5, comment: `great${NUL}` }),
    rating('rating whose score is a string', { score: 'five' }),
    rating('rating of 1e308', { score: 1e308 }),
    rating('rating whose comment is an object', { score: 3, comment: { text: 'hi' } }),
    rating('rating for a conversation that does not exist', { score: 4 }, `conv_${randomUUID()}`),
  ];
}
