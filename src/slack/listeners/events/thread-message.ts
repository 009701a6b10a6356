import type { Tenancy } from '../../../workspaces/tenancy';
import { moveDeletedAlert } from '../../../services/alert-deleted';
import { relayAgentChange, relayAgentReply, type RelayDeps } from '../../../services/relay-agent-reply';
import type { BotIdentity } from '../../../workspaces/tenancy';
import type { SlackEventHandler } from '../../inbox/slack-inbox';

// Loose view of a message event: its subtypes differ in shape and we only read these fields.
interface RawMessage {
  subtype?: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
  bot_profile?: { app_id?: string };
  channel: string;
  deleted_ts?: string;
  files?: { id: string; name?: string; mimetype?: string; size?: number; url_private?: string }[];
  message?: RawMessage;
  previous_message?: RawMessage;
}

// Messages a human typed; everything else (joins, topic changes, bot posts) never leaves Slack.
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

// Ours or any other bot's, including inside message_changed where Bolt's ignoreSelf does not look.
function fromBot(m: RawMessage | undefined): boolean {
  return Boolean(m?.bot_id || m?.bot_profile?.app_id);
}

function isThreadReply(m: RawMessage | undefined): m is RawMessage & { ts: string; thread_ts: string } {
  return Boolean(m?.ts && m.thread_ts && m.thread_ts !== m.ts);
}

// Our own posts and other bots' come back as events too; they are answered without being stored.
function wants(event: Record<string, unknown>): boolean {
  const m = event as unknown as RawMessage;
  return m.subtype === 'message_changed' ? !fromBot(m.message) : !m.bot_id;
}

export function threadMessage(deps: RelayDeps, tenancy: Tenancy, bot: BotIdentity): SlackEventHandler {
  const handle = async (eventId: string, event: Record<string, unknown>): Promise<void> => {
    const m = event as unknown as RawMessage;
    if (m.subtype === 'message_changed') {
      if (fromBot(m.message) || !isThreadReply(m.message)) return;
      await relayAgentChange(deps, tenancy, { eventId, channel: m.channel, ts: m.message.ts, kind: 'edited', text: m.message.text ?? '' });
      return;
    }
    if (m.subtype === 'message_deleted') {
      const previous = m.previous_message;
      if (previous?.ts && previous.bot_id && previous.bot_id === bot.botId && !isThreadReply(previous)) {
        await moveDeletedAlert(deps, tenancy, { eventId, channel: m.channel, ts: previous.ts });
        return;
      }
      if (fromBot(previous) || !isThreadReply(previous)) return;
      await relayAgentChange(deps, tenancy, { eventId, channel: m.channel, ts: previous.ts, kind: 'deleted' });
      return;
    }
    if (!HUMAN_SUBTYPES.has(m.subtype) || fromBot(m) || !m.user || !isThreadReply(m)) return;
    await relayAgentReply(deps, tenancy, {
      eventId,
      channel: m.channel,
      threadTs: m.thread_ts,
      ts: m.ts,
      userId: m.user,
      text: m.text ?? '',
      files: (m.files ?? []).map((f) => ({ id: f.id, name: f.name, mimeType: f.mimetype, size: f.size })),
    });
  };
  return { wants, handle };
}
