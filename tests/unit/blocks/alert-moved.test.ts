import { activityLine } from '../../../src/slack/blocks/activity-line';
import { buildAlertMovedLink } from '../../../src/slack/blocks/alert-moved';
import { buildNoticePost } from '../../../src/slack/blocks/thread-posts';
import { messageProblems } from '../../helpers/block-kit';

const PERMALINK = 'https://acme.slack.com/archives/C0ALERTS/p1700000000000600';

describe('buildAlertMovedLink', () => {
  it('points to the new alert with a link nothing in the URL can break', () => {
    const message = buildAlertMovedLink(PERMALINK);
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toBe(':arrow_heading_down: The alert message was deleted, so this conversation continues in a new alert.');
    expect(message.blocks[1]).toEqual({
      type: 'rich_text',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: PERMALINK, text: 'Open the new thread' }] }],
    });
  });

  it('still says where the conversation went without a usable link', () => {
    for (const permalink of [null, 'javascript:alert(1)']) {
      const message = buildAlertMovedLink(permalink);
      expect(message.blocks).toHaveLength(1);
      expect(messageProblems(message)).toEqual([]);
    }
  });
});

describe('the thread line of a moved alert', () => {
  const at = new Date('2026-11-23T10:00:00Z');
  // As the notification reads it: emoji, mentions and the time written as mrkdwn.
  const line = (reason: unknown) => buildNoticePost(activityLine({ type: 'moved', actorId: null, data: { reason, fromChannelId: 'C0OLD', fromThreadTs: '1.2' } }, at)).text;

  it.each([
    ['message_deleted', 'the alert message was deleted'],
    ['thread_gone', 'its thread was gone'],
    ['channel_gone', 'its channel was archived or Handoff was removed from it'],
  ])('says why for %s', (reason, why) => {
    expect(line(reason)).toMatch(new RegExp(`^:arrow_heading_down: This conversation moved to a new alert: ${why}\\. Everything said so far is below · <!date\\^`));
  });

  it('has words for a reason it does not know', () => {
    expect(line('<!channel>')).toContain('the old one could no longer take posts');
    expect(line('<!channel>')).not.toContain('<!channel>');
    expect(line('toString')).toContain('the old one could no longer take posts');
  });
});
