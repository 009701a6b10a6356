import { activityLine } from '../../../src/slack/blocks/activity-line';
import { buildNoticePost } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';

const AT = new Date('2026-12-04T10:30:00Z');
const TIME = '<!date^1796380200^{time}|10:30 UTC>';

function post(type: string, data: Record<string, unknown>) {
  const message = buildNoticePost(activityLine({ type, actorId: 'U0ALICE', data }, AT));
  expect(messageProblems(message)).toEqual([]);
  return message;
}

const ours = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const theirs = (text: string) => ({ type: 'plain_text', text, emoji: false });

describe('an activity line', () => {
  it('is a small grey line that names a reason and priority it knows in bold, in its own words', () => {
    expect(post('alert_received', { reason: 'human_request', priority: 'urgent', previousPriority: 'normal' }).blocks).toEqual([
      { type: 'context', elements: [ours(`:bell: New alert: *human request*, priority *urgent* (raised from normal) · ${TIME}`)] },
    ]);
  });

  it('shows a stored value it does not know as plain text, never in mrkdwn', () => {
    expect(post('assigned', { assigneeId: 'U0BOB', priority: '*soon* <!here>' }).blocks).toEqual([
      {
        type: 'context',
        elements: [ours(':bust_in_silhouette: <@U0ALICE> assigned this to <@U0BOB> (priority'), theirs('*soon* (!here)'), ours(`) · ${TIME}`)],
      },
    ]);
  });

  it('lists the tags added and removed as plain text between our words', () => {
    const message = post('tagged', { added: ['vip', '*billing*'], removed: [':rage:'] });
    expect(message.blocks).toEqual([
      {
        type: 'context',
        elements: [ours(':label: <@U0ALICE> added'), theirs('vip, *billing*'), ours('and removed'), theirs(':rage:'), ours(`· ${TIME}`)],
      },
    ]);
    expect(message.text).toBe(`:label: <@U0ALICE> added vip, *billing* and removed :rage: · ${TIME}`);
  });

  it.each([
    [{ added: ['vip'] }, ':label: <@U0ALICE> added vip'],
    [{ removed: ['vip'] }, ':label: <@U0ALICE> removed vip'],
    [{ added: [], removed: [] }, ':label: <@U0ALICE> changed the tags'],
  ])('says which tags changed (%p)', (data, said) => {
    expect(post('tagged', data).text).toBe(`${said} · ${TIME}`);
  });

  it('quotes a note in plain text', () => {
    expect(post('assigned', { assigneeId: 'U0ALICE', priority: 'high', note: ' call *back* ' }).blocks).toEqual([
      {
        type: 'context',
        elements: [ours(':bust_in_silhouette: <@U0ALICE> assigned this to themselves (priority *high*) —'), theirs('“call *back*”'), ours(`· ${TIME}`)],
      },
    ]);
  });
});
