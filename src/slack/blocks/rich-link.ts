import type { RichTextBlock } from '@slack/types';
import { httpUrl } from './escape';

const MAX_LINK = 1_000;

// A rich-text link: nothing in the URL can be read as markup. No block when the URL is not a usable http(s) one.
export function richLink(raw: string | null, text: string): RichTextBlock[] {
  const url = raw === null ? null : httpUrl(raw, MAX_LINK);
  if (!url) return [];
  return [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url, text }] }] }];
}
