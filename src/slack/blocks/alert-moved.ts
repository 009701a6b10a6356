import type { KnownBlock } from '@slack/types';
import { mrkdwnSection } from './escape';
import { richLink } from './rich-link';

// Posted in the old thread when it is still there, so agents who open it find where the conversation went.
export function buildAlertMovedLink(permalink: string | null): { text: string; blocks: KnownBlock[] } {
  const text = ':arrow_heading_down: The alert message was deleted, so this conversation continues in a new alert.';
  return { text, blocks: [mrkdwnSection(text), ...richLink(permalink, 'Open the new thread')] };
}
