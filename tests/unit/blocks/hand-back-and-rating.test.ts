import { activityLine } from '../../../src/slack/blocks/activity-line';
import { buildRatingPost, ratingLine, stars } from '../../../src/slack/blocks/rating';
import { buildNoticePost } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';
import { visibleText } from '../../helpers/block-text';

const AT = new Date('2026-12-04T10:30:00Z');
const HOSTILE = "<!channel> refund <@U0BOSS> & <https://evil.example|click>, don't offer another";
// As shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = "(!channel) refund (@U0BOSS) & (https://evil.example|click), don't offer another";
const NOTIFIED = "(!channel) refund (@U0BOSS) &amp; (https://evil.example|click), don't offer another";

describe('the thread line of a hand-back with a note for the AI', () => {
  it.each([
    ['closed', '<@U0ALICE> closed the conversation'],
    ['restored', '<@U0ALICE> handed the conversation back to the AI'],
  ])('shows the note of a %s conversation quoted and literally', (type, said) => {
    const post = buildNoticePost(activityLine({ type, actorId: 'U0ALICE', data: { note: HOSTILE } }, AT));
    expect(visibleText(post.blocks)).toContain(said);
    expect(visibleText(post.blocks)).toContain(`note for the AI: “${SHOWN}”`);
    expect(post.text).toContain(`note for the AI: “${NOTIFIED}”`);
    expect(post.text.replaceAll('<@U0ALICE>', '').replace(/<!date\^[^>]*>/, '')).not.toMatch(/[<>]/);
    expect(messageProblems(post)).toEqual([]);
  });

  it.each([null, '', '   ', undefined])('says nothing of a note when there is none (%p)', (note) => {
    expect(buildNoticePost(activityLine({ type: 'closed', actorId: 'U0ALICE', data: { note } }, AT)).text).not.toContain('note for the AI');
  });
});

describe('the rating post', () => {
  it('says the score, shows stars and quotes the comment literally', () => {
    const post = buildRatingPost({ score: 4, comment: HOSTILE, replaced: false });
    expect(post.text).toBe(`Customer rated 4/5: ${NOTIFIED}`);
    expect(visibleText(post.blocks)).toBe(`:star: Customer rated 4/5 ★★★★☆\n“${SHOWN}”`);
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
