import type { KnownBlock } from '@slack/types';
import { bold, emoji, literal, literalFallback, richText, words } from './rich-text';

export interface RatingPost {
  score: number;
  comment: string | null;
  // A newer rating replacing an earlier one of the same conversation.
  replaced: boolean;
}

const MAX_COMMENT = 2_000;
const MAX_FALLBACK_COMMENT = 300;

// Five stars, as many filled as the score; a stored score outside 1–5 shows as none filled rather than breaking.
export function stars(score: number): string {
  const filled = Number.isInteger(score) && score >= 1 && score <= 5 ? score : 0;
  return '★'.repeat(filled) + '☆'.repeat(5 - filled);
}

// The customer's rating in the thread. The comment is the customer's own words: shown, never as markup.
export function buildRatingPost(r: RatingPost): { text: string; blocks: KnownBlock[] } {
  const what = `Customer ${r.replaced ? 'changed their rating to' : 'rated'} ${r.score}/5`;
  const comment = r.comment?.trim() ?? '';
  const quoted = comment ? [words('\n“'), literal(comment, MAX_COMMENT), words('”')] : [];
  return {
    text: comment ? `${what}: ${literalFallback(comment, MAX_FALLBACK_COMMENT)}` : what,
    blocks: [richText([emoji(':star:'), words(' '), bold(what), words(` ${stars(r.score)}`), ...quoted])],
  };
}

// The line on the root message: the score at a glance; the comment is in the thread.
export function ratingLine(score: number): string {
  return `:star: Customer rating ${stars(score)} ${score}/5`;
}
