import type { Tenancy } from '../../../workspaces/tenancy';
import { applyEmojiShortcut } from '../../../services/emoji-shortcut';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { BotIdentity } from '../../../workspaces/tenancy';
import { buildDeclined } from '../../blocks/triage-messages';
import type { SlackEventHandler } from '../../inbox/slack-inbox';
import { tellPrivately } from '../tell-privately';

interface RawReaction {
  user?: string;
  reaction?: string;
  item?: { type?: string; channel?: string; ts?: string };
}

// 👀 / ✅ (or the workspace's own choice) on an alert message: the same rules and answers as the buttons.
export function reactionShortcut(deps: RelayDeps, tenancy: Tenancy, bot: BotIdentity): SlackEventHandler {
  return {
    wants: (event) => {
      const r = event as RawReaction;
      return r.item?.type === 'message' && typeof r.user === 'string' && r.user !== bot.botUserId;
    },
    handle: async (eventId, event) => {
      const { user, reaction, item } = event as RawReaction;
      if (!user || !reaction || !item?.channel || !item.ts) return;
      const declined = await applyEmojiShortcut(deps, tenancy, { eventId, userId: user, reaction, channel: item.channel, ts: item.ts });
      if (declined) {
        const message = buildDeclined(declined.declined, { conversationId: declined.conversationId, command: declined.command });
        await tellPrivately(deps, { channel: declined.channel, user }, message);
      }
    },
  };
}
