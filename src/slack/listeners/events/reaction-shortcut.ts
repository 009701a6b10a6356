import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Tenancy } from '../../../db/repositories/tenancy';
import { applyEmojiShortcut } from '../../../services/emoji-shortcut';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { buildDeclined } from '../../blocks/triage-messages';
import { tellPrivately } from '../tell-privately';

type ReactionArgs = SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs;

// 👀 / ✅ (or the workspace's own choice) on an alert message: the same rules and answers as the buttons.
export function reactionShortcut(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ event, body, context }: ReactionArgs): Promise<void> => {
    if (event.item.type !== 'message' || event.user === context.botUserId) return;
    const declined = await applyEmojiShortcut(deps, tenancy, {
      eventId: (body as { event_id: string }).event_id,
      userId: event.user,
      reaction: event.reaction,
      channel: event.item.channel,
      ts: event.item.ts,
    });
    if (declined) {
      const message = buildDeclined(declined.declined, { conversationId: declined.conversationId, command: declined.command });
      await tellPrivately(deps, { channel: declined.channel, user: event.user }, message);
    }
  };
}
