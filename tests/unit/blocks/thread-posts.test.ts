import type { KnownBlock } from '@slack/types';
import type { TranscriptLine } from '../../../src/domain/conversation';
import { plainLiteral } from '../../../src/slack/blocks/rich-text';
import { buildCustomerMessagePost, buildNoticePost, buildTranscriptPosts, postedAsCustomer } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';
import { blockTexts } from '../../helpers/block-text';

const HOSTILE = '<!channel> <@U123> <https://evil.example|click> R&D *bold* _it_ `code`';
// As shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = '(!channel) (@U123) (https://evil.example|click) R&D *bold* _it_ `code`';
const NOTIFIED = '(!channel) (@U123) (https://evil.example|click) R&amp;D *bold* _it_ `code`';

// The rich-text blocks as they read: the transcript's lines, the customer's words.
function paragraphs(blocks: KnownBlock[]): string[] {
  return blockTexts(blocks.filter((b) => b.type === 'rich_text'));
}

function mrkdwnTexts(blocks: KnownBlock[]): string[] {
  return [...JSON.stringify(blocks).matchAll(/"type":"mrkdwn","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

function line(role: TranscriptLine['role'], text: string): TranscriptLine {
  return { role, text };
}

describe('buildTranscriptPosts', () => {
  it('returns no posts for an empty transcript', () => {
    expect(buildTranscriptPosts([], 'Jane Doe')).toEqual([]);
  });

  it('fits a short transcript in one post, each line labelled by who said it', () => {
    const posts = buildTranscriptPosts(
      [line('customer', 'My order never arrived'), line('ai', 'Let me check that for you'), line('agent', 'I have refunded you')],
      'Jane Doe',
    );
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(messageProblems(post!)).toEqual([]);
    expect(post!.text).toBe('Transcript so far with Jane Doe');
    expect(paragraphs(post!.blocks)).toEqual([
      [
        ':bust_in_silhouette: Jane Doe: My order never arrived',
        ':robot_face: AI: Let me check that for you',
        ':technologist: Agent: I have refunded you',
      ].join('\n'),
    ]);
  });

  it('labels each line in our bold, the customer by the name they gave', () => {
    const [post] = buildTranscriptPosts([line('customer', 'hi *there*'), line('agent', 'hello')], '*Jane*');
    expect(post!.blocks[1]).toEqual({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'emoji', name: 'bust_in_silhouette' },
            { type: 'text', text: ' ' },
            { type: 'text', text: '*Jane*:', style: { bold: true } },
            { type: 'text', text: ' hi *there*\n' },
            { type: 'emoji', name: 'technologist' },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'Agent:', style: { bold: true } },
            { type: 'text', text: ' hello' },
          ],
        },
      ],
    });
  });

  it('shows hostile lines and a hostile customer name literally, never as mrkdwn', () => {
    const posts = buildTranscriptPosts([line('customer', HOSTILE), line('ai', HOSTILE)], HOSTILE);
    const shown = posts.flatMap((p) => paragraphs(p.blocks)).join('\n');
    expect(shown).toContain(`:bust_in_silhouette: ${SHOWN}: ${SHOWN}`);
    expect(shown).toContain(`:robot_face: AI: ${SHOWN}`);
    expect(posts[0]!.text).toBe(`Transcript so far with ${NOTIFIED}`);
    expect(posts.flatMap((p) => mrkdwnTexts(p.blocks))).toEqual([':scroll: *Transcript so far*']);
  });

  it('splits 500 long lines across as few valid posts as the limits allow, keeping every line in order', () => {
    const lines = Array.from({ length: 500 }, (_, i) => line(i % 2 ? 'ai' : 'customer', `message ${i} ${'"quoted" & <b> '.repeat(20)}`));
    const posts = buildTranscriptPosts(lines, 'Jane Doe');
    expect(posts.length).toBeGreaterThan(1);
    posts.forEach((post, i) => {
      expect(messageProblems(post)).toEqual([]);
      expect(post.text).toBe(`Transcript so far with Jane Doe (part ${i + 1} of ${posts.length})`);
      expect(post.blocks[0]).toMatchObject({ type: 'context' });
    });
    const rendered = posts.flatMap((p) => paragraphs(p.blocks)).join('\n').split('\n');
    expect(rendered.map((l) => /message (\d+) /.exec(l)?.[1])).toEqual(lines.map((_, i) => String(i)));
    // Full posts: the characters of all posts would not fit in one fewer.
    const totalChars = posts.reduce((sum, p) => sum + JSON.stringify(p.blocks).length, 0);
    expect(posts.length).toBeLessThanOrEqual(Math.ceil(totalChars / 12_000) + 1);
  });

  it('clips one enormous line to a single block instead of breaking the post', () => {
    const posts = buildTranscriptPosts([line('customer', '😀'.repeat(60_000)), line('ai', 'ok')], 'Jane');
    expect(posts).toHaveLength(1);
    expect(messageProblems(posts[0]!)).toEqual([]);
    const [first, second] = paragraphs(posts[0]!.blocks).join('\n').split('\n');
    expect(first!.length).toBeLessThanOrEqual(3_000);
    expect(first).toMatch(/^:bust_in_silhouette: Jane: (😀)+…$/);
    expect(second).toBe(':robot_face: AI: ok');
  });

  it('stays valid when every line is full of characters JSON doubles', () => {
    const posts = buildTranscriptPosts(Array.from({ length: 50 }, () => line('customer', '"\\\n'.repeat(5_000))), 'Jane');
    for (const post of posts) expect(messageProblems(post)).toEqual([]);
  });

  it('calls an unnamed customer "Customer"', () => {
    const [post] = buildTranscriptPosts([line('customer', 'hi')], '  ');
    expect(paragraphs(post!.blocks)).toEqual([':bust_in_silhouette: Customer: hi']);
  });
});

describe('buildCustomerMessagePost', () => {
  it("shows the customer's words literally, as an unstyled rich-text leaf", () => {
    const post = buildCustomerMessagePost({ text: HOSTILE, attachments: [] });
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe(NOTIFIED);
    expect(post.blocks).toEqual([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: SHOWN }] }] }]);
  });

  it('splits a long message across blocks between words, within the limits', () => {
    const text = 'The parcel arrived damaged and I want a refund. '.repeat(150);
    const post = buildCustomerMessagePost({ text, attachments: [] });
    expect(messageProblems(post)).toEqual([]);
    const pieces = paragraphs(post.blocks);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).toMatch(/^\S.*\s$/s);
  });

  it.each([
    ['words', 'word '.repeat(20_000)],
    ['quotes and line breaks', '"\\\n'.repeat(35_000)],
    ['ampersands', '&'.repeat(100_000)],
    ['emoji', '😀'.repeat(50_000)],
  ])('clips 100 KB of %s to one valid post, showing where it was cut', (_, text) => {
    const post = buildCustomerMessagePost({ text, attachments: [{ url: `https://files.example/${'a'.repeat(950)}`, name: 'x'.repeat(500) }] });
    expect(messageProblems(post)).toEqual([]);
    const pieces = paragraphs(post.blocks.slice(0, -1));
    expect(pieces.at(-1)).toMatch(/…$/);
    for (const piece of pieces) expect(piece).not.toMatch(/[<>]/);
    expect(post.blocks.at(-1)).toMatchObject({ type: 'rich_text' });
  });

  it('lists web attachments as links with their details, and names the rest without a link', () => {
    const post = buildCustomerMessagePost({
      text: 'Here are the photos',
      attachments: [
        { url: 'https://files.example/receipt.pdf', name: 'receipt.pdf', mimeType: 'application/pdf', size: 48_213 },
        { url: 'javascript:alert(1)', name: HOSTILE },
        { url: 'https://files.example/no-name' },
      ],
    });
    expect(messageProblems(post)).toEqual([]);
    expect(post.blocks.at(-1)).toEqual({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'emoji', name: 'paperclip' },
            { type: 'link', url: 'https://files.example/receipt.pdf', text: ' receipt.pdf' },
            { type: 'text', text: ' (application/pdf, 48 KB)' },
            { type: 'text', text: '\n' },
            { type: 'emoji', name: 'paperclip' },
            { type: 'text', text: ` ${SHOWN} (no web link)` },
            { type: 'text', text: '\n' },
            { type: 'emoji', name: 'paperclip' },
            { type: 'link', url: 'https://files.example/no-name', text: ' Attachment' },
          ],
        },
      ],
    });
    expect(JSON.stringify(post)).not.toContain('javascript:');
  });

  it('lists at most five attachments and counts the others', () => {
    const attachments = Array.from({ length: 12 }, (_, i) => ({ url: `https://files.example/${i}.png`, name: `${i}.png` }));
    const post = buildCustomerMessagePost({ text: '', attachments });
    expect(messageProblems(post)).toEqual([]);
    const json = JSON.stringify(post.blocks);
    expect(json).toContain('4.png');
    expect(json).not.toContain('5.png');
    expect(json).toContain('+7 more');
    expect(post.text).toBe('Sent 12 attachments');
  });

  it('still posts something valid for an empty message', () => {
    const post = buildCustomerMessagePost({ text: '  \n ', attachments: [] });
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe('Empty message');
  });
});

describe('buildNoticePost', () => {
  it('keeps the mentions we built, in a small grey line', () => {
    const post = buildNoticePost([':technologist: <@U0AGENT42> took over from <@U0AGENT7>']);
    expect(messageProblems(post)).toEqual([]);
    expect(post).toEqual({
      text: ':technologist: <@U0AGENT42> took over from <@U0AGENT7>',
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: ':technologist: <@U0AGENT42> took over from <@U0AGENT7>', verbatim: true }] }],
    });
  });

  it('gives each untrusted piece a plain text of its own between our words, and escapes it in the notification', () => {
    const post = buildNoticePost([':label: <@U0AGENT42> added the tags ', plainLiteral(HOSTILE, 100, '?'), ' · ', '*later*']);
    expect(messageProblems(post)).toEqual([]);
    expect(post.blocks).toEqual([
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: ':label: <@U0AGENT42> added the tags', verbatim: true },
          { type: 'plain_text', text: SHOWN, emoji: false },
          { type: 'mrkdwn', text: '· *later*', verbatim: true },
        ],
      },
    ]);
    expect(post.text).toBe(`:label: <@U0AGENT42> added the tags ${NOTIFIED} · *later*`);
  });

  it('clips a runaway notification to what one line holds', () => {
    const post = buildNoticePost([':label: Tagged ', plainLiteral('vip, '.repeat(1_000), 3_000, '?')]);
    expect(messageProblems(post)).toEqual([]);
    expect(post.text.endsWith('…')).toBe(true);
    expect(post.text.length).toBeLessThanOrEqual(2_000);
  });
});

describe('postedAsCustomer', () => {
  it('shows a hostile name readably, with nothing Slack could turn into a ping', () => {
    expect(postedAsCustomer('<!channel> Eve\n<@U999>', 'https://avatars.example/eve.png')).toEqual({
      username: '(!channel) Eve (@U999)',
      icon_url: 'https://avatars.example/eve.png',
    });
  });

  it('fits the name into the 80 characters Slack keeps, and never sends an empty one', () => {
    expect(postedAsCustomer('x'.repeat(200), undefined).username).toHaveLength(80);
    expect(postedAsCustomer(' \u0000 ', undefined)).toEqual({ username: 'Customer' });
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url'])('sends no picture for %p', (url) => {
    expect(postedAsCustomer('Eve', url)).toEqual({ username: 'Eve' });
  });
});
