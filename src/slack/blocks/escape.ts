import type { ContextBlock, MrkdwnElement, SectionBlock } from '@slack/types';

// Text from the customer, the AI or the bot platform, made safe to show in Slack: the one place that decides
// how such text reaches any Slack surface. Plain_text objects, usernames, rich-text leaves and option texts get
// clipPlain (rich-text.ts builds them); only the notification text is mrkdwn, and escapeMrkdwn guards it.

const ELLIPSIS = '…';
const ENTITY = /^&(?:amp|lt|gt);/;
const LONGEST_ENTITY = '&amp;'.length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Tab and line feed stay: they are the only control characters that mean something in a message.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const WEB_HOSTNAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i;
// Slack decodes &lt; and &gt; for display, so their entity spellings open and close a sequence as well.
const OPENING_BRACKET = /<|&lt;/gi;
const CLOSING_BRACKET = />|&gt;/gi;

// Slack treats exactly these three as control characters in mrkdwn; escaping anything else would show up
// literally. This is what turns `<!channel>` or `<https://evil|label>` from a customer into harmless text.
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Cuts to at most `max` characters (JS string length, which is what Slack counts), ending with "…" when cut.
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  return text.slice(0, safeCut(text, max - ELLIPSIS.length)) + ELLIPSIS;
}

// For plain_text objects, usernames, rich-text leaves and option texts: there an entity would show literally,
// so escaping is no option, and Slack does not document that it leaves `<!channel>` or `<@U…>` alone in all of
// them (a username is rendered by Slack itself). Each angle bracket becomes a parenthesis instead:
// "<!channel> Eve" reads "(!channel) Eve", still the name the customer gave, and nothing in it looks like a
// working mention. Parentheses rather than a Unicode lookalike of < and >, which would pass for the real thing
// to a reader and which a normaliser may turn back.
export function clipPlain(text: string, max: number): string {
  return clip(withoutInvisibles(text).replace(OPENING_BRACKET, '(').replace(CLOSING_BRACKET, ')'), max);
}

// Splits text into pieces of at most `max` characters, at a line break or space when there is one in the
// second half of the piece, so long messages read naturally across several sections.
export function splitText(text: string, max: number): string[] {
  if (max <= LONGEST_ENTITY) throw new RangeError(`cannot split text into pieces of ${max} characters`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const hard = safeCut(rest, max);
    const soft = Math.max(rest.lastIndexOf('\n', hard - 1), rest.lastIndexOf(' ', hard - 1)) + 1;
    const cut = soft > hard / 2 ? soft : hard;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

// Only web links become clickable: a `javascript:` or `slack:` link from the platform never does, and an
// unusual hostname (quotes, IPv6 brackets) is not worth the risk of Slack rejecting the whole message.
export function httpUrl(raw: string, maxLength: number): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!WEB_HOSTNAME.test(url.hostname) || url.href.length > maxLength) return null;
  return url.href;
}

// For our own words only: mrkdwn formats what Slack cannot be told to leave alone. `verbatim` keeps a bare URL
// or #channel name from becoming a link; mentions we build ourselves (<@U…>) are explicit and still render.
export function verbatimMrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function mrkdwnSection(text: string): SectionBlock {
  return { type: 'section', text: verbatimMrkdwn(text) };
}

export function mrkdwnContext(text: string): ContextBlock {
  return { type: 'context', elements: [verbatimMrkdwn(text)] };
}

// The largest index at or before `end` where a cut splits neither a surrogate pair (half an emoji) nor an
// entity (a dangling "&am" would show as garbage).
function safeCut(text: string, end: number): number {
  let cut = end;
  if (isHighSurrogate(text.charCodeAt(cut - 1)) && isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < LONGEST_ENTITY) {
    const entity = ENTITY.exec(text.slice(amp, amp + LONGEST_ENTITY));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  return cut;
}

// Control characters show as nothing yet cost six characters each in the JSON sent to Slack ("\u0001"), and
// a lone surrogate (an emoji someone else cut in half) is not valid Unicode.
function withoutInvisibles(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATE, '\uFFFD');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
