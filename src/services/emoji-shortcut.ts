import { findByThread } from '../db/repositories/conversations';
import { noteForeignConversation } from './foreign-conversation';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import type { Tenancy } from '../workspaces/tenancy';
import type { Declined } from '../domain/authority';
import { shortcutFor, type ShortcutCommand } from '../domain/emoji-shortcuts';
import type { RelayDeps } from './relay-agent-reply';
import { triageConversation } from './triage-conversation';

export interface Reaction {
  eventId: string;
  userId: string;
  reaction: string;
  channel: string;
  ts: string;
}

export interface ShortcutDeclined {
  declined: Declined;
  conversationId: string;
  command: ShortcutCommand;
  channel: string;
}

// A reaction on an alert message, taken as the button it stands for. Anything else (another emoji, another
// message, a bot) is not a shortcut. The event receipt is written with the transition: a Slack retry of a
// reaction that was already acted on would otherwise be answered with "you already have this conversation".
export async function applyEmojiShortcut(deps: RelayDeps, tenancy: Tenancy, r: Reaction): Promise<ShortcutDeclined | null> {
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const command = shortcutFor(r.reaction, settings);
  if (!command) return null;
  const conversation = await findByThread(deps.db, tenancy.workspaceId, r.channel, r.ts);
  if (!conversation) {
    await noteForeignConversation(deps.db, deps.logger, tenancy, { slackChannelId: r.channel, slackThreadTs: r.ts });
    return null;
  }
  if (await deps.directory.isBot(r.userId)) return null;
  const declined = await triageConversation(deps, tenancy, conversation.id, { type: command, actorId: r.userId }, r.eventId);
  return declined && { declined, conversationId: conversation.id, command, channel: r.channel };
}
