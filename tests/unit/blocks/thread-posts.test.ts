import type { KnownBlock } from '@slack/types';
import type { TranscriptLine } from '../../../src/domain/conversation';
import { buildCustomerMessagePost, buildNoticePost, buildTranscriptPosts, postedAsCustomer } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';

const HOSTILE = '<!channel> <@U123> <https://evil.example|click> R&D';
const HOSTILE_ESCAPED = '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; R&amp;D';
const MARKUP_OR_BROKEN_ENTITY = /[<>]|&(?!amp;|lt;|gt;)/;

function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
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
    expect(sectionTexts(post!.blocks)).toEqual([
      [
        ':bust_in_silhouette: *Jane Doe:* My order never arrived',
        ':robot_face: *AI:* Let me check that for you',
        ':technologist: *Agent:* I have refunded you',
      ].join('\n'),
    ]);
  });

  it('escapes hostile lines and a hostile customer name', () => {
    const posts = buildTranscriptPosts([line('customer', HOSTILE), line('ai', HOSTILE)], HOSTILE);
    const texts = posts.flatMap((p) => [p.text, ...sectionTexts(p.blocks)]);
    expect(texts.join('\n')).toContain(`:bust_in_silhouette: *${HOSTILE_ESCAPED}:* ${HOSTILE_ESCAPED}`);
    expect(texts.join('\n')).toContain(`:robot_face: *AI:* ${HOSTILE_ESCAPED}`);
    for (const text of texts) expect(text).not.toMatch(MARKUP_OR_BROKEN_ENTITY);
    expect(JSON.stringify(posts)).toContain('"verbatim":true');
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
    const rendered = posts.flatMap((p) => sectionTexts(p.blocks)).join('\n').split('\n');
    expect(rendered.map((l) => /message (\d+) /.exec(l)?.[1])).toEqual(lines.map((_, i) => String(i)));
    // Full posts: the characters of all posts would not fit in one fewer.
    const totalChars = posts.reduce((sum, p) => sum + JSON.stringify(p.blocks).length, 0);
    expect(posts.length).toBeLessThanOrEqual(Math.ceil(totalChars / 12_000) + 1);
  });

  it('clips one enormous line to a single section instead of breaking the post', () => {
    const posts = buildTranscriptPosts([line('customer', '😀'.repeat(60_000)), line('ai', 'ok')], 'Jane');
    expect(posts).toHaveLength(1);
    expect(messageProblems(posts[0]!)).toEqual([]);
    const [first, second] = sectionTexts(posts[0]!.blocks).join('\n').split('\n');
    expect(first!.length).toBeLessThanOrEqual(3_000);
    expect(first).toMatch(/^:bust_in_silhouette: \*Jane:\* (😀)+…$/);
    expect(second).toBe(':robot_face: *AI:* ok');
  });

  it('stays valid when every line is full of characters JSON doubles', () => {
    const posts = buildTranscriptPosts(Array.from({ length: 50 }, () => line('customer', '"\\\n'.repeat(5_000))), 'Jane');
    for (const post of posts) expect(messageProblems(post)).toEqual([]);
  });

  it('calls an unnamed customer "Customer"', () => {
    const [post] = buildTranscriptPosts([line('customer', 'hi')], '  ');
    expect(sectionTexts(post!.blocks)).toEqual([':bust_in_silhouette: *Customer:* hi']);
  });
});

describe('buildCustomerMessagePost', () => {
  it('shows the customer words escaped', () => {
    const post = buildCustomerMessagePost({ text: HOSTILE, attachments: [] });
    expect(messageProblems(post)).toEqual([]);
    expect(post.text).toBe(HOSTILE_ESCAPED);
    expect(sectionTexts(post.blocks)).toEqual([HOSTILE_ESCAPED]);
    expect(post.blocks[0]).toMatchObject({ text: { type: 'mrkdwn', verbatim: true } });
  });

  it('splits a long message across sections between words, within the limits', () => {
    const text = 'The parcel arrived damaged and I want a refund. '.repeat(150);
    const post = buildCustomerMessagePost({ text, attachments: [] });
    expect(messageProblems(post)).toEqual([]);
    const sections = sectionTexts(post.blocks);
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.join('')).toBe(text);
    for (const section of sections) expect(section).toMatch(/^\S.*\s$/s);
  });

  it.each([
    ['words', 'word '.repeat(20_000)],
    ['quotes and line breaks', '"\\\n'.repeat(35_000)],
    ['ampersands', '&'.repeat(100_000)],
    ['emoji', '😀'.repeat(50_000)],
  ])('clips 100 KB of %s to one valid post, showing where it was cut', (_, text) => {
    const post = buildCustomerMessagePost({ text, attachments: [{ url: `https://files.example/${'a'.repeat(950)}`, name: 'x'.repeat(500) }] });
    expect(messageProblems(post)).toEqual([]);
    const sections = sectionTexts(post.blocks);
    expect(sections.at(-1)).toMatch(/…$/);
    for (const section of sections) expect(section).not.toMatch(MARKUP_OR_BROKEN_ENTITY);
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
            { type: 'text', text: ' (!channel) (@U123) (https://evil.example|click) R&D (no web link)' },
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
  it('keeps the mentions we built, in a context line', () => {
    const post = buildNoticePost(':technologist: <@U0AGENT42> took over from <@U0AGENT7>');
    expect(messageProblems(post)).toEqual([]);
    expect(post).toEqual({
      text: ':technologist: <@U0AGENT42> took over from <@U0AGENT7>',
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: ':technologist: <@U0AGENT42> took over from <@U0AGENT7>', verbatim: true }] }],
    });
  });

  it('clips a runaway notice to what a context line holds', () => {
    const post = buildNoticePost(`:label: Tagged ${'vip, '.repeat(1_000)}`);
    expect(messageProblems(post)).toEqual([]);
    expect(post.text.endsWith('…')).toBe(true);
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
