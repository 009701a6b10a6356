import type { PlainTextElement, RichTextBlock, RichTextElement, RichTextText } from '@slack/types';
import { SLACK_USER_ID } from '../ids';
import { clip, clipPlain, escapeMrkdwn } from './escape';

// Slack has no escape for *bold*, _italic_, ~strike~, `code` or > quotes in mrkdwn, so text from the customer,
// the AI or the bot platform is shown only where Slack reads nothing into it: a rich-text leaf without style,
// or a plain_text object without emoji. Our own labels, emoji and mentions are separate leaves beside it.

export type Leaf = RichTextElement;

// Untrusted text, shown exactly as written (its angle brackets as parentheses, see clipPlain).
export function literal(text: string, max: number): RichTextText {
  return { type: 'text', text: clipPlain(text, max) };
}

// The same, trimmed, or our `fallback` when nothing of it would show.
export function literalOr(text: string, max: number, fallback: string): RichTextText {
  return words(clipPlain(text.trim(), max).trim() || fallback);
}

// Our own words.
export function words(text: string): RichTextText {
  return { type: 'text', text };
}

export function bold(text: string): RichTextText {
  return { type: 'text', text, style: { bold: true } };
}

// `code` as we write it in mrkdwn (":robot_face:"), so one table of emoji serves both.
export function emoji(code: string): Leaf {
  return { type: 'emoji', name: code.replace(/^:|:$/g, '') };
}

// Ids come from storage and Slack payloads; one not shaped like a user id gets words, never a mention.
export function user(userId: string | null | undefined, fallback: string): Leaf {
  return userId && SLACK_USER_ID.test(userId) ? { type: 'user', user_id: userId } : words(fallback);
}

// Slack shows the time in each reader's own time zone; the fallback is for clients that cannot.
export function date(at: Date, format: string, fallback: string): Leaf {
  return { type: 'date', timestamp: Math.floor(at.getTime() / 1000), format, fallback };
}

// One paragraph of leaves.
export function richText(leaves: Leaf[]): RichTextBlock {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: compact(leaves) }] };
}

// Leaves indented with a quote bar, under an optional paragraph of ours.
export function quoted(leaves: Leaf[], above: Leaf[] = []): RichTextBlock {
  const quote = { type: 'rich_text_quote', elements: compact(leaves) } as const;
  return { type: 'rich_text', elements: above.length > 0 ? [{ type: 'rich_text_section', elements: compact(above) }, quote] : [quote] };
}

// Untrusted text as a plain_text object: `emoji: false`, so a customer's ":rage:" stays the word they typed.
// Slack refuses an empty one, hence the fallback.
export function plainLiteral(text: string, max: number, fallback: string): PlainTextElement {
  return { type: 'plain_text', text: clipPlain(text, max).trim() || fallback, emoji: false };
}

// The same leaves as the notification text, which is mrkdwn: the leaves' text escaped, mentions and emoji as
// Slack writes them there.
export function fallbackText(leaves: Leaf[]): string {
  return leaves.map(fallbackOf).join('');
}

// Untrusted text alone as the notification, within `max` characters once escaped.
export function literalFallback(text: string, max: number): string {
  return clip(fallbackText([literal(text, max)]), max);
}

function fallbackOf(leaf: Leaf): string {
  switch (leaf.type) {
    case 'text':
      return escapeMrkdwn(leaf.text);
    case 'emoji':
      return `:${leaf.name}:`;
    case 'user':
      return `<@${leaf.user_id}>`;
    case 'link':
      return escapeMrkdwn(leaf.text ?? leaf.url);
    case 'date':
      return `<!date^${leaf.timestamp}^${leaf.format}|${escapeMrkdwn(leaf.fallback ?? '')}>`;
    default:
      return '';
  }
}

// Empty text leaves are dropped (Slack refuses them), and neighbouring unstyled ones joined: each leaf costs
// some thirty characters of a message's 12,000, and joined they read the same.
function compact(leaves: Leaf[]): Leaf[] {
  const joined: Leaf[] = [];
  for (const leaf of leaves) {
    if (leaf.type === 'text' && leaf.text === '') continue;
    const last = joined.at(-1);
    if (last?.type === 'text' && !last.style && leaf.type === 'text' && !leaf.style) joined[joined.length - 1] = words(last.text + leaf.text);
    else joined.push(leaf);
  }
  return joined;
}
