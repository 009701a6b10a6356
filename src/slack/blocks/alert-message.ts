import type { ActionsBlockElement, Button, ConfirmationDialog, ContextBlock, KnownBlock, RichTextBlock } from '@slack/types';
import type { ChannelType, ConversationSnapshot, CustomerContext, Priority, Reason, Status } from '../../domain/conversation';
import { ACTIONS, BLOCKS, type ActionId } from '../ids';
import { contextLine, type Piece } from './context-line';
import { clipPlain, httpUrl, mrkdwnContext, mrkdwnSection } from './escape';
import { bold, fallbackText, literal, plainLiteral, richText, words, type Leaf } from './rich-text';
import { transcriptLine } from './thread-posts';
import { mention, userGroupMention } from './mention';
import { handBackMenu } from './hand-back-modal';
import { ratingLine } from './rating';

// `symbol` is the same emoji as a character, for the header: it is plain text without emoji codes, so that a
// customer's ":rage:" in their name stays as typed.
export const REASON: Record<Reason, { emoji: string; symbol: string; label: string }> = {
  frustration: { emoji: ':rage:', symbol: '😡', label: 'frustration' },
  human_request: { emoji: ':raising_hand:', symbol: '🙋', label: 'human request' },
  high_value: { emoji: ':moneybag:', symbol: '💰', label: 'high value' },
  other: { emoji: ':bell:', symbol: '🔔', label: 'other' },
};

// The urgent ones stand out, with an emoji and in bold.
export const PRIORITY: Record<Priority, { emoji?: string; label: string; strong: boolean }> = {
  urgent: { emoji: ':rotating_light:', label: 'Urgent', strong: true },
  high: { emoji: ':red_circle:', label: 'High priority', strong: true },
  normal: { label: 'Normal priority', strong: false },
  low: { label: 'Low priority', strong: false },
};

function priorityMrkdwn(p: Priority): string {
  const { emoji, label, strong } = PRIORITY[p];
  return `${emoji ? `${emoji} ` : ''}${strong ? `*${label}*` : label}`;
}

export const CHANNEL: Record<ChannelType, string> = {
  web: 'Web chat',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  messenger: 'Messenger',
  email: 'Email',
  sms: 'SMS',
  other: 'Other channel',
};

// The notification says what happened, so it follows the status the message is (re)rendered for.
const FALLBACK_STATUS: Record<Status, string> = {
  waiting: 'needs a human',
  human: 'is with an agent',
  ai: 'is back with the AI',
  closed: 'is closed',
};

// Every untrusted piece is clipped so that, with every field at its maximum and full of quotes (which JSON
// doubles), the blocks stay under Slack's 12,000-character budget; the test with huge inputs holds us to it.
// The summary takes what the other blocks leave, up to its own maximum.
const MAX_BLOCK_CHARS = 12_000;
const MAX = {
  header: 150,
  name: 100,
  email: 100,
  phone: 40,
  channelName: 80,
  scores: 10,
  scoreName: 40,
  summary: 740,
  recentLines: 5,
  recentLine: 160,
  metadata: 10,
  metadataKey: 40,
  metadataValue: 50,
  tags: 10,
  tag: 40,
  fallbackName: 200,
  link: 1_000,
  customerTags: 3,
  customerTag: 30,
  note: 80,
} as const;
// What a plain_text object holds.
const MAX_CONTEXT_TEXT = 3_000;


// The root message of a conversation's thread: what happened, who it is, and what an agent can do about it.
export function buildAlertMessage(c: ConversationSnapshot, now: Date): { text: string; blocks: KnownBlock[] } {
  const name = displayName(c);
  const reason = REASON[c.reason];
  const before: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clipPlain(`${reason.symbol} ${name}`, MAX.header), emoji: false } },
    mrkdwnSection(statusLine(c)),
    mrkdwnContext(overview(c, now)),
    richText([...customerLine(c), words('\n'), ...channelLine(c), ...scoresLine(c.scores)]),
    ...(c.customerContext ? [atAGlance(c.customerContext)] : []),
  ];
  const after: KnownBlock[] = [];
  if (c.recentLines.length > 0) after.push(richText([bold('Recent messages'), ...recentLines(c)]));
  const metadata = Object.entries(c.metadata);
  if (metadata.length > 0) after.push(contextLine([plainLiteral(compactList(metadata, MAX.metadata, metadataEntry), MAX_CONTEXT_TEXT, '?')]));
  if (c.tags.length > 0) after.push(contextLine([':label:', plainLiteral(compactList(c.tags, MAX.tags, tagEntry), MAX_CONTEXT_TEXT, '?')]));
  if (c.ratingScore !== null) after.push(mrkdwnContext(ratingLine(c.ratingScore)));
  const link = c.link === null ? null : httpUrl(c.link, MAX.link);
  if (link) after.push(platformLink(link));
  after.push({ type: 'actions', block_id: BLOCKS.actions, elements: actionButtons(c) });
  const summary = c.summary?.trim();
  const blocks = [...before, ...(summary ? [summaryBlock(summary, [...before, ...after])] : []), ...after];
  const who = fallbackText([literal(name, MAX.fallbackName)]);
  const calling = callingOut(c);
  return { text: `Handoff: ${who} ${FALLBACK_STATUS[c.status]} (${reason.label}, ${c.priority})${calling ? ` ${calling}` : ''}`, blocks };
}

// JSON at most doubles the summary (quotes, line breaks), so half the room left always fits.
function summaryBlock(summary: string, others: KnownBlock[]): RichTextBlock {
  const room = MAX_BLOCK_CHARS - JSON.stringify([...others, summaryOf('x')]).length - 1;
  return summaryOf(summary, Math.min(MAX.summary, Math.floor(room / 2)));
}

function summaryOf(summary: string, max = summary.length): RichTextBlock {
  return richText([bold('Summary'), words('\n'), literal(summary, max)]);
}

function displayName(c: ConversationSnapshot): string {
  const { name, email, phone } = c.customer;
  return name?.trim() || email?.trim() || phone?.trim() || 'Unknown customer';
}

// The user group a routing rule named, called on while the conversation waits for one of them.
function callingOut(c: ConversationSnapshot): string | null {
  return c.status === 'waiting' ? userGroupMention(c.mentionUserGroup) : null;
}

function statusLine(c: ConversationSnapshot): string {
  switch (c.status) {
    case 'waiting': {
      const calling = callingOut(c);
      return `:hourglass_flowing_sand: Waiting for an agent${calling ? ` · ${calling}` : ''}`;
    }
    case 'human':
      return `:technologist: Taken by ${agentMention(c.assigneeId)}`;
    case 'ai':
      return ':robot_face: Back with the AI';
    case 'closed':
      return ':white_check_mark: Closed';
  }
}

function agentMention(assigneeId: string | null): string {
  return mention(assigneeId, 'an agent');
}

function overview(c: ConversationSnapshot, now: Date): string {
  const parts = [priorityMrkdwn(c.priority), REASON[c.reason].label];
  if (c.alertCount > 1) parts.push(`${c.alertCount} alerts`);
  if (c.replyWindowEndsAt) parts.push(replyWindow(c.replyWindowEndsAt.getTime() - now.getTime()));
  return parts.join(' · ');
}

function replyWindow(msLeft: number): string {
  return msLeft > 0 ? `:stopwatch: Reply window: ${duration(msLeft)} left` : ':no_entry: Reply window closed';
}

export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d ${hours % 24}h`;
  if (hours > 0) return `${hours}h ${minutes % 60}m`;
  return minutes > 0 ? `${minutes}m` : 'under 1m';
}

function customerLine(c: ConversationSnapshot): Leaf[] {
  const { name, email, phone } = c.customer;
  const details = [
    name?.trim() && clipPlain(name.trim(), MAX.name),
    email?.trim() && clipPlain(email.trim(), MAX.email),
    phone?.trim() && clipPlain(phone.trim(), MAX.phone),
  ].filter((detail) => !!detail);
  return [bold('Customer:'), words(' '), details.length > 0 ? literal(details.join(' · '), MAX.name + MAX.email + MAX.phone + 6) : words('Unknown')];
}

// Who this is to the team before anyone opens the profile: their history, their tags and the newest note.
function atAGlance(context: CustomerContext): ContextBlock {
  const line: Piece[] = [`:bust_in_silhouette: ${history(context)}`];
  if (context.tags.length > 0) line.push(' · :star:', plainLiteral(compactList(context.tags, MAX.customerTags, (tag) => clipPlain(tag, MAX.customerTag)), MAX_CONTEXT_TEXT, '?'));
  const note = context.newestNote?.trim();
  if (note) line.push(' :memo:', plainLiteral(note.replace(/\s+/g, ' '), MAX.note, '?'));
  return contextLine(line);
}

export function history({ earlierConversations: n, lastEarlierAt }: Pick<CustomerContext, 'earlierConversations' | 'lastEarlierAt'>): string {
  if (n === 0 || !lastEarlierAt) return 'First conversation';
  return `${n} earlier conversation${n === 1 ? '' : 's'}, last on ${shortDate(lastEarlierAt)}`;
}

// Day and month (the year too when it is not this one), in UTC: the same for everyone who reads the message.
export function shortDate(at: Date, now = new Date()): string {
  const sameYear = at.getUTCFullYear() === now.getUTCFullYear();
  return at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(!sameYear && { year: 'numeric' }), timeZone: 'UTC' });
}

function channelLine(c: ConversationSnapshot): Leaf[] {
  const name = c.channelName?.trim() ? [words(' · '), literal(c.channelName.trim(), MAX.channelName)] : [];
  return [bold('Channel:'), words(` ${CHANNEL[c.channelType]}`), ...name];
}

function scoresLine(scores: Record<string, number>): Leaf[] {
  const entries = Object.entries(scores);
  return entries.length > 0 ? [words('\n'), bold('Scores:'), words(' '), literal(compactList(entries, MAX.scores, scoreEntry), MAX_CONTEXT_TEXT)] : [];
}

function scoreEntry([name, value]: [string, number]): string {
  return `${clipPlain(name, MAX.scoreName)} ${Number.isFinite(value) ? Math.round(value * 100) / 100 : '?'}`;
}

function tagEntry(tag: string): string {
  return clipPlain(tag, MAX.tag);
}

function metadataEntry([key, value]: [string, string | number | boolean]): string {
  return `${clipPlain(key, MAX.metadataKey)}: ${clipPlain(String(value), MAX.metadataValue)}`;
}

function recentLines(c: ConversationSnapshot): Leaf[] {
  return c.recentLines.slice(-MAX.recentLines).flatMap((line) => [words('\n'), ...transcriptLine(line, 'Customer', MAX.recentLine)]);
}

// Formats only the items shown: the rest of a 200-entry list may be megabytes nobody will see.
function compactList<T>(items: T[], max: number, format: (item: T) => string): string {
  const more = items.length > max ? ` · +${items.length - max} more` : '';
  return items.slice(0, max).map(format).join(' · ') + more;
}

// A rich-text link, not a mrkdwn <url|label>: nothing in the URL can be read as markup, and mrkdwn links with
// `&` in them break on Slack's iOS app (bolt-js #2103). Unlike a URL button, it sends no interaction to ack.
function platformLink(url: string): RichTextBlock {
  return {
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url, text: 'Open the conversation on the platform' }] }],
  };
}

// Closing hands the customer back to the AI at their next message, which a stray click should not do.
const CLOSE_CONFIRM: ConfirmationDialog = {
  title: { type: 'plain_text', text: 'Close this conversation?' },
  text: { type: 'plain_text', text: "The AI will answer the customer's next message." },
  confirm: { type: 'plain_text', text: 'Close' },
  deny: { type: 'plain_text', text: 'Cancel' },
  style: 'danger',
};

function actionButtons(c: ConversationSnapshot): ActionsBlockElement[] {
  // Only a customer the alerts named has a profile to open.
  const profile = c.customerContext ? [button('Customer', ACTIONS.customer, c.id)] : [];
  if (c.status === 'closed') return [button('Reopen', ACTIONS.reopen, c.id), ...profile];
  // Take over stays while a colleague holds the conversation: another agent may take it from them.
  const buttons = [
    button('Take over', ACTIONS.takeOver, c.id, 'primary'),
    button('Assign', ACTIONS.assign, c.id),
    button('Tag', ACTIONS.tag, c.id),
    button('Saved reply', ACTIONS.savedReply, c.id),
    button('Close', ACTIONS.close, c.id, 'danger', CLOSE_CONFIRM),
  ];
  if (c.status !== 'ai') buttons.push(button('Restore to AI', ACTIONS.restore, c.id));
  return [...buttons, handBackMenu(c.id, c.status !== 'ai'), ...profile];
}

export function button(
  label: string,
  actionId: ActionId,
  conversationId: string,
  style?: 'primary' | 'danger',
  confirm?: ConfirmationDialog,
): Button {
  const text = { type: 'plain_text', text: label } as const;
  return { type: 'button', text, action_id: actionId, value: conversationId, ...(style && { style }), ...(confirm && { confirm }) };
}
