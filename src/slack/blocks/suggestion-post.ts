import type { KnownBlock } from '@slack/types';
import { ACTIONS, SLACK_USER_ID } from '../ids';
import { mrkdwnContext } from './escape';
import { literal, quoted } from './rich-text';

export type SuggestionView =
  | { state: 'offered'; id: string; text: string }
  | { state: 'sent'; id: string; text: string; sentBy: string | null }
  | { state: 'replaced'; id: string; text: string };

// Leaves room in Slack's 13k block budget for the heading and buttons; a longer draft is edited in the modal.
const MAX_SHOWN = 2_900;

// The AI's draft of the next reply in the thread. It is untrusted text: shown literally, as a quote.
// Only the draft on offer has buttons; once sent or replaced, its post says so and the buttons are gone.
export function buildSuggestionPost(s: SuggestionView): { text: string; blocks: KnownBlock[] } {
  const draft = quoted([literal(s.text.trim(), MAX_SHOWN)]);
  switch (s.state) {
    case 'offered':
      return {
        text: "The AI suggests a reply",
        blocks: [
          mrkdwnContext(":robot_face: *The AI suggests this reply.* Send it as it is, or edit it first."),
          draft,
          {
            type: 'actions',
            elements: [
              { type: 'button', text: { type: 'plain_text', text: 'Send' }, style: 'primary', action_id: ACTIONS.sendSuggestion, value: s.id },
              { type: 'button', text: { type: 'plain_text', text: 'Edit and send' }, action_id: ACTIONS.editSuggestion, value: s.id },
            ],
          },
        ],
      };
    case 'sent': {
      const who = s.sentBy && SLACK_USER_ID.test(s.sentBy) ? `<@${s.sentBy}>` : 'an agent';
      return { text: `The AI's suggestion was sent by ${who}`, blocks: [mrkdwnContext(`:robot_face: The AI's suggestion, sent by ${who}.`), draft] };
    }
    case 'replaced':
      return {
        text: "The AI's suggestion was replaced by a newer one",
        blocks: [mrkdwnContext(":robot_face: ~The AI's suggestion~ Replaced by a newer suggestion below."), draft],
      };
  }
}
