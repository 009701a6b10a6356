import type { Overdue } from '../../../src/domain/response-targets';
import { buildEscalation, buildFirstResponseReminder, buildIdleOfferDM, buildReplyOverdueDM } from '../../../src/slack/blocks/reminders';
import { ACTIONS } from '../../../src/slack/ids';
import { messageProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';
import { visibleText } from '../../helpers/block-text';

const CONVERSATION_ID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const PERMALINK = 'https://acme.slack.com/archives/C0ALERTS/p1700000000000100';
const HOSTILE = '<!channel> & <@U123> <https://evil.example|click>';
// As shown (literally, its angle brackets made harmless) and in the notification (escaped mrkdwn).
const SHOWN = '(!channel) & (@U123) (https://evil.example|click)';
const NOTIFIED = '(!channel) &amp; (@U123) (https://evil.example|click)';
const since = new Date('2026-12-03T09:00:00Z');
const overdue = (seconds: number, allowedSeconds: number, priority: Overdue['priority'] = 'urgent'): Overdue => ({
  priority,
  since,
  allowedSeconds,
  at: new Date(since.getTime() + seconds * 1000),
});

describe('reminder messages', () => {
  it('says in the thread how long the customer has waited against the target', () => {
    const line = buildFirstResponseReminder(overdue(320, 300));
    expect(line.text).toBe(':alarm_clock: Nobody has taken this conversation yet. The customer has waited 5m, past the urgent-priority target of 5m.');
    expect(messageProblems(line)).toEqual([]);
  });

  it("escalates to the supervisors' group Handoff names, and to @here without one", () => {
    const withGroup = buildEscalation({ supervisorsUserGroup: 'S0SUPERS', customerName: HOSTILE, permalink: PERMALINK }, overdue(1830, 1800, 'high'));
    expect(withGroup.text).toBe(`<!subteam^S0SUPERS> A conversation has waited 30m with nobody on it, twice the high-priority target of 15m. Customer: ${NOTIFIED}`);
    // The ping is our own mrkdwn; the customer's name is a line of rich text of its own.
    expect(visibleText(withGroup.blocks)).toBe(
      `:rotating_light: <!subteam^S0SUPERS> A conversation has waited 30m with nobody on it, twice the high-priority target of 15m.\n:bust_in_silhouette: Customer: ${SHOWN}\nOpen the thread`,
    );
    expect(new Set(findPings(JSON.stringify(withGroup)))).toEqual(new Set(['<!subteam^S0SUPERS>']));
    expect(JSON.stringify(withGroup.blocks)).toContain(PERMALINK);
    expect(messageProblems(withGroup)).toEqual([]);
    const withoutGroup = buildEscalation({ supervisorsUserGroup: null, customerName: 'Dana', permalink: null }, overdue(600, 600));
    expect(withoutGroup.text).toMatch(/^<!here> A conversation has waited 10m .* Customer: Dana$/);
    expect(messageProblems(withoutGroup)).toEqual([]);
  });

  it('never turns a malformed stored group into markup', () => {
    const message = buildEscalation({ supervisorsUserGroup: 'S1>|<!channel', customerName: 'Dana', permalink: null }, overdue(600, 600));
    expect(message.text).toMatch(/^<!here> /);
  });

  it('tells the assignee privately how long the customer has waited for a reply', () => {
    const dm = buildReplyOverdueDM({ customerName: HOSTILE, permalink: PERMALINK }, overdue(3700, 3600, 'normal'));
    expect(dm.text).toBe(`${NOTIFIED} has waited 1h 1m for your reply, past the normal-priority target of 1h 0m.`);
    expect(visibleText(dm.blocks)).toContain(`:hourglass_flowing_sand: ${SHOWN} has waited 1h 1m`);
    expect(findPings(JSON.stringify(dm))).toEqual([]);
    expect(messageProblems(dm)).toEqual([]);
  });

  it('offers Close and Restore to AI for a quiet conversation, with the alert\'s own actions', () => {
    const dm = buildIdleOfferDM({ conversationId: CONVERSATION_ID, customerName: HOSTILE, permalink: PERMALINK }, overdue(86_400, 86_400));
    expect(dm.text).toBe(`Your conversation with ${NOTIFIED} has been quiet for 1d 0h. Close it, or restore it to the AI?`);
    expect(visibleText(dm.blocks)).toContain(`:zzz: Your conversation with ${SHOWN} has been quiet`);
    const actions = dm.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      elements: [
        { action_id: ACTIONS.close, value: CONVERSATION_ID, text: { text: 'Close' } },
        { action_id: ACTIONS.restore, value: CONVERSATION_ID, text: { text: 'Restore to AI' } },
      ],
    });
    expect(findPings(JSON.stringify(dm))).toEqual([]);
    expect(messageProblems(dm)).toEqual([]);
  });
});
