import { type Args, isRecord } from './slack-api-contract';
import type { SlackTeam } from './slack-teams';
import { APP_ID, TEAM_URL, type SlackWorkspace } from './slack-workspace';

export type SlackResult = Record<string, unknown>;
// `caller`: the workspace whose bot token the call carries.
type Responder = (args: Args, ws: SlackWorkspace, caller: SlackTeam) => SlackResult;

// Message fields Slack echoes back in `message` (shape per the chat.postMessage reference example).
const ECHOED_MESSAGE_FIELDS = ['text', 'blocks', 'attachments', 'thread_ts', 'metadata', 'username', 'icon_url', 'icon_emoji'];

const ok: Responder = () => ({ ok: true });

// Answers for the methods the stand-in serves; each must have a vendored reference file to be validated against.
export const RESPONDERS: Record<string, Responder> = {
  'apps.connections.open': (_args, ws) => (ws.socketModeUrl ? { ok: true, url: ws.socketModeUrl } : { ok: false, error: 'invalid_auth' }),
  'auth.test': (_args, _ws, caller) => ({
    ok: true, url: TEAM_URL, team: caller.name, user: 'handoff', team_id: caller.id, user_id: caller.botUserId, bot_id: caller.botId,
    is_enterprise_install: false,
  }),
  'oauth.v2.access': (args, ws) => ws.teams.exchange(args),
  'chat.postMessage': (args, ws, caller) => {
    const ts = ws.nextTs();
    const message = botMessage(args, ts, caller);
    ws.rememberPost(String(args.channel), message);
    return { ok: true, channel: args.channel, ts, message };
  },
  // Metadata comes back only when asked for, as Slack does.
  'conversations.history': (args, ws) => ({
    ok: true, messages: ws.history(String(args.channel)).map((m) => withMetadataIf(args, m)), has_more: false,
    response_metadata: { next_cursor: '' },
  }),
  'conversations.replies': (args, ws) => ({
    ok: true, messages: ws.thread(String(args.channel), String(args.ts)).map((m) => withMetadataIf(args, m)), has_more: false,
    response_metadata: { next_cursor: '' },
  }),
  'chat.update': (args, _ws, caller) => ({ ok: true, channel: args.channel, ts: args.ts, text: args.text, message: botMessage(args, args.ts, caller) }),
  'chat.postEphemeral': (_args, ws) => ({ ok: true, message_ts: ws.nextTs() }),
  'chat.delete': (args) => ({ ok: true, channel: args.channel, ts: args.ts }),
  'chat.getPermalink': (args) => ({
    ok: true, channel: args.channel, permalink: `${TEAM_URL}archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}`,
  }),
  'reactions.add': ok,
  'reactions.remove': ok,
  'views.open': (args, ws, caller) => viewResult(args, ws, caller, ws.nextId('V')),
  'views.update': (args, ws, caller) => {
    const id = typeof args.view_id === 'string' ? args.view_id : ws.viewIdForExternal(String(args.external_id));
    return id ? viewResult(args, ws, caller, id) : { ok: false, error: 'not_found' };
  },
  'views.publish': (args, ws, caller) => viewResult(args, ws, caller, ws.homeViewId(String(args.user_id))),
  'users.info': (args, ws) => ({ ok: true, user: ws.user(String(args.user)) }),
  'conversations.open': (args, ws) => {
    if (typeof args.channel === 'string') return { ok: true, channel: { id: args.channel } };
    if (typeof args.users !== 'string') return { ok: false, error: 'users_list_not_supplied' };
    return { ok: true, channel: { id: ws.dmFor(args.users) } };
  },
  'conversations.info': (args, ws) => ({ ok: true, channel: ws.channel(String(args.channel)) }),
  'usergroups.users.list': (args, ws) => {
    const users = ws.userGroup(String(args.usergroup));
    return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
  },
  'files.info': (args, ws) => ({ ok: true, file: ws.file(String(args.file)), comments: [], response_metadata: { next_cursor: '' } }),
};

function botMessage(args: Args, ts: unknown, caller: SlackTeam): SlackResult {
  const echoed = Object.fromEntries(ECHOED_MESSAGE_FIELDS.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
  return { type: 'message', user: caller.botUserId, bot_id: caller.botId, app_id: APP_ID, team: caller.id, ...echoed, ts };
}

function withMetadataIf(args: Args, message: SlackResult): SlackResult {
  if (args.include_all_metadata === true || args.include_all_metadata === 'true') return message;
  const { metadata: _left, ...rest } = message;
  return rest;
}

function viewResult(args: Args, ws: SlackWorkspace, caller: SlackTeam, id: string): SlackResult {
  const input = isRecord(args.view) ? args.view : {};
  const externalId = typeof input.external_id === 'string' ? input.external_id : '';
  if (externalId) ws.rememberExternalView(externalId, id);
  const view = {
    callback_id: '', private_metadata: '', state: { values: {} }, root_view_id: id, previous_view_id: null,
    ...input, id, team_id: caller.id, app_id: APP_ID, bot_id: caller.botId, external_id: externalId, hash: `${Date.now()}.${id}`,
  };
  return { ok: true, view };
}
