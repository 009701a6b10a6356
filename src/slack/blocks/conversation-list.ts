import type { KnownBlock, RichTextBlock, RichTextElement } from '@slack/types';
import type { ConversationList, LinkedConversation } from '../../services/conversation-lists';
import { SLACK_USER_ID } from '../ids';
import { duration, REASON } from './alert-message';
import { clip, clipPlain, httpUrl, mrkdwnContext } from './escape';
import { bold } from './rich-text';
import { PRIORITY_LABEL } from './triage-modals';
import type { SlackMessage } from './triage-messages';

const MAX = { name: 80, tag: 30, tags: 5, link: 1_000, title: 150, query: 100 } as const;

export interface ListHeading {
  // Our own words, e.g. "Your open conversations"; also the notification.
  title: string;
  // What to say when there is nothing to list.
  empty: string;
  // What the person searched for, shown only as plain text and never in the notification.
  query?: string;
}

// One rich-text row per conversation: rich text is never read as markup, so a customer named
// "<!channel> *bold*" shows as "(!channel) *bold*", pinging and formatting nothing. The bold of the name is
// ours.
export function buildConversationList(heading: ListHeading, list: ConversationList, now: Date): SlackMessage {
  const asked = heading.query === undefined ? '' : ` "${clipPlain(heading.query, MAX.query)}"`;
  if (list.total === 0) return { text: heading.empty, blocks: [{ type: 'section', text: { type: 'plain_text', text: `${heading.empty}${asked}`, emoji: false } }] };
  const more = list.total - list.rows.length;
  const title = `${heading.title}: ${list.total}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${heading.title}${asked}: ${list.total}`, MAX.title), emoji: false } },
    ...list.rows.map((row) => conversationRow(row, now)),
  ];
  if (more > 0) blocks.push(mrkdwnContext(`…and ${more} more, not shown.`));
  return { text: title, blocks };
}

function conversationRow(c: LinkedConversation, now: Date): RichTextBlock {
  const elements: RichTextElement[] = [
    bold(clipPlain(c.customerName, MAX.name)),
    { type: 'text', text: ` · ${REASON[c.reason].label} · ${PRIORITY_LABEL[c.priority]} priority · ${duration(now.getTime() - c.createdAt.getTime())} old · ` },
    ...assignee(c.assigneeId),
  ];
  if (c.tags.length > 0) elements.push({ type: 'text', text: ` · tags: ${tagList(c.tags)}` });
  const url = c.permalink === null ? null : httpUrl(c.permalink, MAX.link);
  if (url) elements.push({ type: 'text', text: ' · ' }, { type: 'link', url, text: 'Open thread' });
  else if (!c.slackThreadTs) elements.push({ type: 'text', text: ' · not in Slack yet' });
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements }] };
}

function assignee(id: string | null): RichTextElement[] {
  if (!id) return [{ type: 'text', text: 'unassigned' }];
  return SLACK_USER_ID.test(id) ? [{ type: 'text', text: 'with ' }, { type: 'user', user_id: id }] : [{ type: 'text', text: 'assigned' }];
}

function tagList(tags: string[]): string {
  const more = tags.length > MAX.tags ? ` +${tags.length - MAX.tags} more` : '';
  return tags.slice(0, MAX.tags).map((t) => clipPlain(t, MAX.tag)).join(', ') + more;
}
