import { activityLine } from '../../../src/slack/blocks/activity-line';
import { buildRatingPost, ratingLine, stars } from '../../../src/slack/blocks/rating';
import { buildNoticePost } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';

const AT = new Date('2026-12-04T10:30:00Z');
const HOSTILE = "<!channel> refund <@U0BOSS> & <https://evil.example|click>, don't offer another";
const ESCAPED = "&lt;!channel&gt; refund &lt;@U0BOSS&gt; &amp; &lt;https://evil.example|click&gt;, don't offer another";

describe('the thread line of a hand-back with a note for the AI', () => {
  it.each([
    ['closed', '<@U0ALICE> closed the conversation'],
    ['restored', '<@U0ALICE> handed the conversation back to the AI'],
  ])('shows the note of a %s conversation quoted and escaped', (type, said) => {
    const line = activityLine({ type, actorId: 'U0ALICE', data: { note: HOSTILE } }, AT);
    expect(line).toContain(said);
    expect(line).toContain(`note for the AI: “${ESCAPED}”`);
    expect(line.replaceAll('<@U0ALICE>', '').replace(/<!date\^[^>]*>/, '')).not.toMatch(/[<>]/);
    expect(messageProblems(buildNoticePost(line))).toEqual([]);
  });

  it.each([null, '', '   ', undefined])('says nothing of a note when there is none (%p)', (note) => {
    expect(activityLine({ type: 'closed', actorId: 'U0ALICE', data: { note } }, AT)).not.toContain('note for the AI');
  });
});

describe('the rating post', () => {
  it('says the score, shows stars and quotes the comment escaped', () => {
    const post = buildRatingPost({ score: 4, comment: HOSTILE, replaced: false });
    expect(post.text).toBe(`Customer rated 4/5: ${ESCAPED}`);
    expect(JSON.stringify(post.blocks)).toContain(`:star: *Customer rated 4/5* ★★★★☆\\n“${ESCAPED}”`);
    expect(JSON.stringify(post)).not.toContain('<!channel>');
    expect(messageProblems(post)).toEqual([]);
  });

  it('says the customer changed their mind when a rating replaces another', () => {
    const post = buildRatingPost({ score: 2, comment: null, replaced: true });
    expect(post.text).toBe('Customer changed their rating to 2/5');
    expect(messageProblems(post)).toEqual([]);
  });

  it('stays a valid message with the longest comment', () => {
    expect(messageProblems(buildRatingPost({ score: 1, comment: '"<&>'.repeat(500), replaced: false }))).toEqual([]);
  });

  it('draws as many filled stars as the score, and none for a score out of range', () => {
    expect([1, 2, 3, 4, 5].map(stars)).toEqual(['★☆☆☆☆', '★★☆☆☆', '★★★☆☆', '★★★★☆', '★★★★★']);
    expect(stars(9)).toBe('☆☆☆☆☆');
    expect(ratingLine(3)).toBe(':star: Customer rating ★★★☆☆ 3/5');
  });
});
