import type { ContextBlock, KnownBlock, RichTextBlock, RichTextElement } from '@slack/types';
import type { Role, TranscriptLine } from '../../domain/conversation';
import { clip, clipPlain, httpUrl, mrkdwnContext, splitText } from './escape';
import { contextFallback, contextLine, type Piece } from './context-line';
import { bold, emoji, fallbackText, literal, literalFallback, literalOr, richText, words, type Leaf } from './rich-text';

export interface CustomerMessage {
  text: string;
  attachments: { url: string; name?: string; mimeType?: string; size?: number }[];
}

const ROLE_EMOJI: Record<Role, string> = { customer: ':bust_in_silhouette:', ai: ':robot_face:', agent: ':technologist:' };
const ROLE_NAME: Record<Exclude<Role, 'customer'>, string> = { ai: 'AI', agent: 'Agent' };

// Slack refuses a message whose blocks exceed about 13,000 characters of JSON (msg_blocks_too_long).
const MAX_BLOCK_CHARS_PER_POST = 12_000;
const MAX_SECTION_TEXT = 3_000;
const MAX_CUSTOMER_LABEL = 80;
// Leaves room for the longest label, so one line always fits in one section.
const MAX_TRANSCRIPT_LINE = 2_800;
const MAX_FALLBACK_TEXT = 3_000;
const MAX_NOTICE = 2_000;
// Attachments are listed before the text is fitted: capping them keeps most of the post for the words.
const MAX_ATTACHMENTS = 5;
const MAX_ATTACHMENT_URL = 1_000;
const MAX_ATTACHMENT_NAME = 100;
const MAX_MIME_TYPE = 50;
// Slack cuts a custom username at 80 characters.
const MAX_USERNAME = 80;
const MAX_ICON_URL = 1_000;

// One transcript line: who said it, in bold (the customer as `customer`, already clipped), and what they said.
export function transcriptLine(line: TranscriptLine, customer: string, maxText: number): Leaf[] {
  const who = line.role === 'customer' ? customer : ROLE_NAME[line.role];
  return [emoji(ROLE_EMOJI[line.role]), words(' '), bold(`${who}:`), words(' '), literal(line.text, maxText)];
}

// The conversation so far, packed into as few posts as Slack's per-message limits allow.
export function buildTranscriptPosts(lines: TranscriptLine[], customerName: string): { text: string; blocks: KnownBlock[] }[] {
  const label = literalOr(customerName, MAX_CUSTOMER_LABEL, 'Customer');
  const posts = packIntoBlocks(lines.map((line) => transcriptLine(line, label.text, MAX_TRANSCRIPT_LINE)));
  return posts.map((paragraphs, i) => {
    const part = posts.length > 1 ? ` (part ${i + 1} of ${posts.length})` : '';
    return {
      text: `Transcript so far with ${fallbackText([label])}${part}`,
      blocks: [transcriptHeading(part), ...paragraphs.map(richText)],
    };
  });
}

// The customer's own words, split across sections when long, and their attachments as links.
export function buildCustomerMessagePost(m: CustomerMessage): { text: string; blocks: KnownBlock[] } {
  const attachments = m.attachments.length > 0 ? [attachmentList(m.attachments)] : [];
  const blocks = [...wordSections(m.text, jsonLength(attachments)), ...attachments];
  if (blocks.length === 0) return { text: 'Empty message', blocks: [mrkdwnContext('_Empty message_')] };
  const text = literalFallback(m.text.trim(), MAX_FALLBACK_TEXT).trim() || attachmentCount(m.attachments.length);
  return { text, blocks };
}

// Who a customer message is shown as (chat:write.customize). Slack renders the username itself, so it is cleaned
// like plain text; a picture that is not a web link is left out rather than sent.
export function postedAsCustomer(name: string, avatarUrl: string | undefined): { username: string; icon_url?: string } {
  return postedAs(name, avatarUrl, 'Customer');
}

// The same for a message Handoff posts for an agent: their Slack name and photo.
export function postedAs(name: string, avatarUrl: string | null | undefined, fallback: string): { username: string; icon_url?: string } {
  const username = clipPlain(name.replace(/\s+/g, ' ').trim(), MAX_USERNAME) || fallback;
  const icon = avatarUrl ? httpUrl(avatarUrl, MAX_ICON_URL) : null;
  return { username, ...(icon && { icon_url: icon }) };
}

// One small grey line in the thread saying what happened, the untrusted parts of it plain text.
export function buildNoticePost(line: Piece[]): { text: string; blocks: KnownBlock[] } {
  const block = contextLine(line);
  return { text: contextFallback(block, MAX_NOTICE), blocks: [block] };
}

// Fills paragraphs up to a section's text limit and posts up to their character budget, in order. Every line
// is shorter than a paragraph, so it always fits an empty one. Slack's 50-block limit never binds: a paragraph
// is only started when it and the one before hold over 3,000 characters together, so a post runs out of
// characters after a dozen of them.
function packIntoBlocks(lines: Leaf[][]): Leaf[][][] {
  const maxChars = MAX_BLOCK_CHARS_PER_POST - jsonLength([]) - jsonLength(transcriptHeading(' (part 999 of 999)')) - 1;
  const posts: Leaf[][][] = [];
  let paragraphs: Leaf[][] = [];
  let chars = 0;
  for (const line of lines) {
    const last = paragraphs.at(-1);
    if (last !== undefined) {
      const joined = [...last, words('\n'), ...line];
      const growth = jsonLength(richText(joined)) - jsonLength(richText(last));
      if (textLength(joined) <= MAX_SECTION_TEXT && chars + growth <= maxChars) {
        paragraphs[paragraphs.length - 1] = joined;
        chars += growth;
        continue;
      }
    }
    const cost = jsonLength(richText(line)) + 1;
    if (chars + cost > maxChars) {
      posts.push(paragraphs);
      paragraphs = [];
      chars = 0;
    }
    paragraphs.push(line);
    chars += cost;
  }
  if (paragraphs.length > 0) posts.push(paragraphs);
  return posts;
}

// As many blocks of the customer's text as fit beside `reserved` characters of other blocks, shown literally.
export function wordSections(raw: string, reserved: number): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  let room = MAX_BLOCK_CHARS_PER_POST - jsonLength([]) - reserved;
  // Each piece is cleaned by clipPlain here, so it goes in as it is.
  for (const piece of splitText(clipPlain(raw, MAX_BLOCK_CHARS_PER_POST), MAX_SECTION_TEXT)) {
    if (!piece.trim()) continue;
    const cost = jsonLength(paragraph(piece)) + 1;
    if (cost > room) {
      // JSON escaping at most doubles the text (quotes, line breaks), so half the remaining room always fits.
      const rest = clip(piece, Math.floor((room - PARAGRAPH_OVERHEAD - 1) / 2));
      if (rest.trim()) blocks.push(paragraph(rest));
      break;
    }
    blocks.push(paragraph(piece));
    room -= cost;
  }
  return blocks;
}

function paragraph(text: string): RichTextBlock {
  return richText([words(text)]);
}

// What a paragraph costs beyond its text.
const PARAGRAPH_OVERHEAD = jsonLength(paragraph('x')) - 1;

function textLength(leaves: Leaf[]): number {
  return leaves.reduce((n, leaf) => n + (leaf.type === 'text' ? leaf.text.length : 0), 0);
}

function transcriptHeading(part: string): ContextBlock {
  return mrkdwnContext(`:scroll: *Transcript so far*${part}`);
}

function attachmentList(attachments: CustomerMessage['attachments']): RichTextBlock {
  const shown = attachments.slice(0, MAX_ATTACHMENTS).map(attachmentItem);
  const elements = shown.flatMap((item, i): RichTextElement[] => (i > 0 ? [{ type: 'text', text: '\n' }, ...item] : item));
  const hidden = attachments.length - shown.length;
  if (hidden > 0) elements.push({ type: 'text', text: `\n+${hidden} more` });
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements }] };
}

// Rich text is never parsed as mrkdwn, so the name goes in unescaped and cannot forge a link or a mention.
function attachmentItem(a: CustomerMessage['attachments'][number]): RichTextElement[] {
  const name = clipPlain(a.name?.trim() ?? '', MAX_ATTACHMENT_NAME) || 'Attachment';
  const url = httpUrl(a.url, MAX_ATTACHMENT_URL);
  const item: RichTextElement[] = [
    { type: 'emoji', name: 'paperclip' },
    url ? { type: 'link', url, text: ` ${name}` } : { type: 'text', text: ` ${name} (no web link)` },
  ];
  const details = [a.mimeType?.trim() && clipPlain(a.mimeType.trim(), MAX_MIME_TYPE), fileSize(a.size)].filter((d) => !!d);
  if (details.length > 0) item.push({ type: 'text', text: ` (${details.join(', ')})` });
  return item;
}

function fileSize(bytes: number | undefined): string | undefined {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function attachmentCount(n: number): string {
  return n === 1 ? 'Sent an attachment' : `Sent ${n} attachments`;
}

function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}
