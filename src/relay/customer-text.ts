import { get as emojiNamed } from 'node-emoji';

// An agent's Slack message as the customer should see it: Slack's mrkdwn and <…> references turned into the
// plain markdown the bot platform passes on to web chat, WhatsApp, Instagram and the rest.

export interface MentionedIds {
  users: string[];
  channels: string[];
  userGroups: string[];
}

// Names as Slack shows them, without the leading @ or #.
export interface MentionNames {
  users: Record<string, string>;
  channels: Record<string, string>;
  userGroups: Record<string, string>;
}

// Slack escapes every literal <, > and & in message text, so whatever sits between angle brackets is Slack's:
// a mention, a channel, a special command or a link.
const SLACK_REFERENCE = /<([^<>]*)>/g;
// Inline code cannot span lines in Slack; a code block can.
const CODE = /```[\s\S]*?```|`[^`\n]+`/;
const SET_ASIDE = new RegExp(`${CODE.source}|${SLACK_REFERENCE.source}`, 'g');
// Set-aside pieces wait behind `<n>`: once references are out, no other < is left in the text to be confused with it.
const PLACEHOLDER = /<(\d+)>/;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const ENTITY = /&(?:amp|lt|gt);/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/i;
const ADDRESS_SCHEME = /^(?:mailto|tel):/i;
const BROADCASTS = new Set(['here', 'channel', 'everyone']);
const MENTION = /^(@|#|!subteam\^)([^|^]+)/;
const MENTION_KINDS: Record<string, keyof MentionedIds> = { '@': 'users', '#': 'channels', '!subteam^': 'userGroups' };

export function mentionedIds(text: string): MentionedIds {
  const found = { users: new Set<string>(), channels: new Set<string>(), userGroups: new Set<string>() };
  for (const [, reference = ''] of text.matchAll(SLACK_REFERENCE)) {
    const [, sigil = '', id] = MENTION.exec(reference) ?? [];
    const kind = MENTION_KINDS[sigil];
    if (kind && id) found[kind].add(id);
  }
  return { users: [...found.users], channels: [...found.channels], userGroups: [...found.userGroups] };
}

export function toCustomerText(text: string, names: MentionNames): string {
  const setAside: string[] = [];
  const masked = text.replace(SET_ASIDE, (piece: string, reference: string | undefined) => {
    const shown = reference === undefined ? codeAsTyped(piece, names) : referenceAsMarkdown(reference, names);
    return `<${setAside.push(shown) - 1}>`;
  });
  // Entities go last and in one pass, so "&amp;lt;" (the agent typed "&lt;") stays "&lt;".
  return mapPieces(withEmoji(markdownFormatting(masked)), PLACEHOLDER, unescapeEntities, (n) => setAside[Number(n)] ?? '');
}

// Code shows exactly what was typed: no formatting or emoji, but Slack still wraps URLs inside it in <…>.
function codeAsTyped(code: string, names: MentionNames): string {
  return mapPieces(code, SLACK_REFERENCE, unescapeEntities, (reference) => referenceAsShown(reference, names));
}

function referenceAsMarkdown(reference: string, names: MentionNames): string {
  const { target, label } = parseReference(reference);
  if (isLink(target) && label !== undefined && !sameAddress(label, target)) {
    // Escaped so a bracket in the label or a parenthesis in the URL cannot end the markdown link early.
    return `[${label.replace(/[[\]]/g, '\\$&')}](${target.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
  }
  return referenceAsShown(reference, names);
}

// The words Slack itself displays for a reference.
function referenceAsShown(reference: string, names: MentionNames): string {
  const { target, label } = parseReference(reference);
  if (target.startsWith('@')) return `@${lookup(names.users, target.slice(1)) ?? withoutAt(label) ?? 'someone'}`;
  if (target.startsWith('#')) return `#${lookup(names.channels, target.slice(1)) ?? label ?? 'channel'}`;
  if (target.startsWith('!')) return specialCommand(target.slice(1).split('^'), label, names);
  return label ?? target.replace(ADDRESS_SCHEME, '');
}

function specialCommand([command = '', id = '']: string[], label: string | undefined, names: MentionNames): string {
  if (BROADCASTS.has(command)) return `@${command}`;
  if (command === 'subteam') return `@${lookup(names.userGroups, id) ?? withoutAt(label) ?? 'team'}`;
  // Slack requires the fallback text on a date; a date without one shows in UTC rather than as nothing.
  if (command === 'date' && label === undefined && /^\d+$/.test(id)) {
    return `${new Date(Number(id) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
  return label ?? '';
}

// Slack escapes the URL and label inside a reference too (`&` in a query string arrives as `&amp;`). An empty
// label (newer clients send `<#C123|>`) counts as none.
function parseReference(reference: string): { target: string; label?: string } {
  const bar = reference.indexOf('|');
  if (bar < 0) return { target: unescapeEntities(reference) };
  const label = unescapeEntities(reference.slice(bar + 1)).trim();
  return { target: unescapeEntities(reference.slice(0, bar)), ...(label && { label }) };
}

function isLink(target: string): boolean {
  return !/^[@#!]/.test(target);
}

// Slack links what the agent typed ("example.com", "a@b.co") and labels the link with it: the customer gets
// the words as typed, not a markdown link to the same place.
function sameAddress(label: string, url: string): boolean {
  const bare = url.replace(SCHEME, '');
  return label === url || label === bare || label === bare.replace(/\/$/, '');
}

function lookup(record: Record<string, string>, id: string): string | undefined {
  const name = Object.hasOwn(record, id) ? record[id]?.trim() : undefined;
  return name || undefined;
}

function withoutAt(label: string | undefined): string | undefined {
  return label?.replace(/^@/, '') || undefined;
}

// Slack's *bold* and ~strike~ need the delimiter at a word boundary and text hugging it, which is why
// "2*3*4" and "a * b * c" stay as they are. _italic_ means the same in markdown and is left alone.
const BOLD = /(?<![\p{L}\p{N}*])\*(?![\s*])([^\n]*?[^\s*])\*(?![\p{L}\p{N}*])/gu;
const STRIKE = /(?<![\p{L}\p{N}~])~(?![\s~])([^\n]*?[^\s~])~(?![\p{L}\p{N}~])/gu;

function markdownFormatting(text: string): string {
  return text.replace(BOLD, '**$1**').replace(STRIKE, '~~$1~~');
}

// Slack names emoji after iamcal/emoji-data, node-emoji after emojilib; these are the everyday ones that differ.
const SLACK_EMOJI_NAMES: Record<string, string> = {
  thumbsup: '+1',
  thumbsdown: '-1',
  simple_smile: 'slightly_smiling_face',
  thinking_face: 'thinking',
  face_with_rolling_eyes: 'roll_eyes',
  hugging_face: 'hugs',
  'star-struck': 'star_struck',
  rolling_on_the_floor_laughing: 'rofl',
  satisfied: 'laughing',
  white_frowning_face: 'frowning_face',
  envelope: 'email',
  pencil: 'memo',
  hankey: 'poop',
};
const EMOJI_CODE = /:([a-z0-9_+-]+):(?::skin-tone-([2-6]):)?/g;
const LONE_SKIN_TONE = /^skin-tone-[2-6]$/;
const MODIFIER_BASE = /^\p{Emoji_Modifier_Base}$/u;
const VARIATION_SELECTOR = '\uFE0F';
// Slack's skin-tone-2 is the lightest Fitzpatrick modifier, U+1F3FB.
const LIGHTEST_SKIN_TONE = 0x1f3fb;

// Unknown codes (a workspace's custom emoji) stay as typed: the customer's app has no picture for them.
function withEmoji(text: string): string {
  const code = new RegExp(EMOJI_CODE);
  let shown = '';
  let done = 0;
  for (let m = code.exec(text); m; m = code.exec(text)) {
    const [whole, name = '', tone] = m;
    const emoji = LONE_SKIN_TONE.test(name) ? '' : emojiWithTone(name, tone);
    if (emoji === undefined) {
      // Its closing colon may open the next code, as in "at 9:30:tada:".
      code.lastIndex = m.index + name.length + 1;
      continue;
    }
    shown += text.slice(done, m.index) + emoji;
    done = m.index + whole.length;
  }
  return shown + text.slice(done);
}

// The tone goes right after the first character (before any variation selector it replaces); an emoji that
// cannot take one, like :tada:, shows without it.
function emojiWithTone(name: string, tone: string | undefined): string | undefined {
  const emoji = emojiNamed(SLACK_EMOJI_NAMES[name] ?? name);
  if (emoji === undefined || tone === undefined) return emoji;
  const [base = '', ...rest] = Array.from(emoji);
  if (!MODIFIER_BASE.test(base)) return emoji;
  const after = rest[0] === VARIATION_SELECTOR ? rest.slice(1) : rest;
  return base + String.fromCodePoint(LIGHTEST_SKIN_TONE + Number(tone) - 2) + after.join('');
}

function unescapeEntities(text: string): string {
  return text.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
}

// `pattern` has one capture group: text.split then alternates the pieces around it and what it captured.
function mapPieces(text: string, pattern: RegExp, around: (piece: string) => string, captured: (value: string) => string): string {
  return text
    .split(pattern)
    .map((piece, i) => (i % 2 === 0 ? around(piece) : captured(piece)))
    .join('');
}
