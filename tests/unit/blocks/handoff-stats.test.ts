import { buildHandoffStats } from '../../../src/slack/blocks/handoff-stats';
import type { PeriodStats } from '../../../src/services/handoff-stats';
import { messageProblems } from '../../helpers/block-kit';

const QUIET: PeriodStats = {
  period: 'week',
  since: new Date('2026-11-26T07:45:00Z'),
  alertsByReason: [],
  firstReply: { median: null, p90: null },
  close: { median: null, p90: null },
  openNow: 0,
  agents: [],
  ratings: { average: null, count: 0, agents: [] },
  timeZone: 'UTC',
};

describe('the stats message', () => {
  it('tells response times to the second under an hour, in hours and minutes above', () => {
    const message = buildHandoffStats({
      ...QUIET,
      alertsByReason: [{ reason: 'high_value', count: 1 }],
      firstReply: { median: 44.6, p90: 61 },
      close: { median: 3 * 3600 + 125, p90: 26 * 3600 },
      openNow: 4,
      agents: [{ userId: 'U0ALICE', handled: 1, medianFirstReply: 44.6 }],
    });
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toBe('Handoff stats for the last 7 days: 1 alert, 4 open now');
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('*Alerts:* 1 (high value 1)');
    expect(shown).toContain('median 45s · p90 1m 1s');
    expect(shown).toContain('median 3h 2m · p90 1d 2h');
    expect(shown).toContain('<@U0ALICE>: 1 handled, first reply in 45s (median)');
  });

  it('mentions only ids shaped like Slack users', () => {
    const message = buildHandoffStats({ ...QUIET, agents: [{ userId: '<!channel>', handled: 1, medianFirstReply: 10 }] });
    expect(JSON.stringify(message.blocks)).toContain('Someone: 1 handled');
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });

  it('says when there is nothing yet', () => {
    const message = buildHandoffStats(QUIET);
    expect(messageProblems(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('*First reply to the customer*\\nnone yet');
    expect(JSON.stringify(message.blocks)).toContain('*Customer ratings*\\nNo customer rated a conversation in this period.');
  });

  it('shows the average customer rating overall and for each agent, with how many ratings', () => {
    const message = buildHandoffStats({
      ...QUIET,
      ratings: {
        average: 11 / 3,
        count: 3,
        agents: [
          { userId: 'U0ALICE', average: 4.5, count: 2 },
          { userId: '<!here>', average: 2, count: 1 },
        ],
      },
    });
    expect(messageProblems(message)).toEqual([]);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('*Customer ratings*\\n3.7/5 average from 3 ratings overall\\n<@U0ALICE>: 4.5/5 average from 2 ratings\\nSomeone: 2.0/5 average from 1 rating');
    expect(shown).not.toContain('<!here>');
  });

  it("names the time zone today is counted in, and a week as the last 7 days", () => {
    const today = buildHandoffStats({ ...QUIET, period: 'today', timeZone: 'America/Los_Angeles' });
    expect(messageProblems(today)).toEqual([]);
    expect(today.text).toBe('Handoff stats for today (America/Los_Angeles): 0 alerts, 0 open now');
    expect(buildHandoffStats({ ...QUIET, timeZone: 'America/Los_Angeles' }).text).toBe('Handoff stats for the last 7 days: 0 alerts, 0 open now');
  });
});
