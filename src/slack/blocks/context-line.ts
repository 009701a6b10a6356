import type { ContextBlock, MrkdwnElement, PlainTextElement } from '@slack/types';
import { clip, escapeMrkdwn, verbatimMrkdwn } from './escape';

// A line of small grey text with untrusted text in it. Our own words (emoji, mentions, bold) are mrkdwn;
// each untrusted piece is a plain_text element of its own (see plainLiteral), which Slack reads nothing
// into. A context block holds ten elements, so a line has at most five untrusted pieces.
export type Piece = string | PlainTextElement;

// Slack sets a context's elements apart with a gap, which is the space between our words and theirs: our
// words in a row are one element, trimmed.
export function contextLine(pieces: Piece[]): ContextBlock {
  const elements: (MrkdwnElement | PlainTextElement)[] = [];
  let ours = '';
  const flush = () => {
    if (ours.trim()) elements.push(verbatimMrkdwn(ours.trim()));
    ours = '';
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      ours += piece;
    } else {
      flush();
      elements.push(piece);
    }
  }
  flush();
  return { type: 'context', elements };
}

// The same line as the notification text, which is mrkdwn: their words escaped, within `max` characters.
export function contextFallback(line: ContextBlock, max: number): string {
  const texts = line.elements.map((e) => (e.type === 'mrkdwn' ? e.text : e.type === 'plain_text' ? escapeMrkdwn(e.text) : ''));
  return clip(texts.join(' '), max);
}
