import type { KnownBlock } from '@slack/types';
import { SLACK_USER_ID } from '../ids';
import { mrkdwnContext } from './escape';
import { literalFallback } from './rich-text';
import { wordSections } from './thread-posts';

export interface AgentMessagePost {
  text: string;
  authorId: string;
  // The AI's suggestion it sends, if it is one.
  suggestionId?: string;
}

const MAX_FALLBACK_TEXT = 3_000;

// A message Handoff sent for an agent, posted under the agent's name and photo. Its words are shown literally:
// a suggestion is the AI's, and what an agent typed in a modal is plain text, shown as written.
export function buildAgentMessagePost(m: AgentMessagePost): { text: string; blocks: KnownBlock[] } {
  const who = SLACK_USER_ID.test(m.authorId) ? `<@${m.authorId}>` : 'an agent';
  const how = m.suggestionId ? `:robot_face: The AI's suggested reply, sent by ${who}` : `:zap: Sent by ${who} with Handoff`;
  const context = mrkdwnContext(how);
  const words = wordSections(m.text, JSON.stringify(context).length);
  return { text: literalFallback(m.text.trim(), MAX_FALLBACK_TEXT).trim() || 'Message to the customer', blocks: [...words, context] };
}
