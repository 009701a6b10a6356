import type { HandoffStats, RatingFigures, Spread } from '../../db/repositories/handoff-stats';
import type { PeriodStats } from '../../services/handoff-stats';
import { duration, REASON } from './alert-message';
import { mrkdwnContext, mrkdwnSection, verbatimMrkdwn } from './escape';
import { mention, slackDateTime } from './mention';
import type { SlackMessage } from './triage-messages';

const PERIOD = { today: (timeZone: string) => `today (${timeZone})`, week: () => 'the last 7 days' } as const;

// Every figure here is a count, a time or a Slack user id of the workspace: nothing anybody typed.
export function buildHandoffStats(s: PeriodStats): SlackMessage {
  const alerts = s.alertsByReason.reduce((n, r) => n + r.count, 0);
  const reasons = s.alertsByReason.map((r) => `${REASON[r.reason].label} ${r.count}`).join(' · ');
  const period = PERIOD[s.period](s.timeZone);
  const agents = s.agents.map((a) => `${mention(a.userId, 'Someone')}: ${a.handled} handled, first reply in ${seconds(a.medianFirstReply)} (median)`);
  return {
    text: `Handoff stats for ${period}: ${alerts} alert${alerts === 1 ? '' : 's'}, ${s.openNow} open now`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Handoff stats for ${period}`, emoji: false } },
      mrkdwnContext(`Since ${slackDateTime(s.since)}`),
      mrkdwnSection(`*Alerts:* ${alerts}${reasons ? ` (${reasons})` : ''}`),
      {
        type: 'section',
        fields: [
          `*First reply to the customer*\n${spread(s.firstReply)}`,
          `*Closed*\n${spread(s.close)}`,
          `*Open now*\n${s.openNow}`,
        ].map(verbatimMrkdwn),
      },
      mrkdwnSection(agents.length > 0 ? `*Agents*\n${agents.join('\n')}` : '*Agents*\nNo agent replied to a customer in this period.'),
      mrkdwnSection(customerRatings(s.ratings)),
    ],
  };
}

// Each agent's average is over the ratings of conversations they held when they closed.
function customerRatings(r: HandoffStats['ratings']): string {
  if (r.count === 0) return '*Customer ratings*\nNo customer rated a conversation in this period.';
  const agents = r.agents.map((a) => `${mention(a.userId, 'Someone')}: ${rated(a)}`);
  return [`*Customer ratings*\n${rated(r)} overall`, ...agents].join('\n');
}

function rated(r: RatingFigures): string {
  const average = r.average === null ? '–' : (Math.round(r.average * 10) / 10).toFixed(1);
  return `${average}/5 average from ${r.count} rating${r.count === 1 ? '' : 's'}`;
}

function spread(s: Spread): string {
  return s.median === null ? 'none yet' : `median ${seconds(s.median)} · p90 ${seconds(s.p90)}`;
}

// Response times are often under a minute, so they are told to the second up to an hour.
function seconds(value: number | null): string {
  if (value === null) return '–';
  const whole = Math.round(value);
  if (whole >= 3600) return duration(whole * 1000);
  const m = Math.floor(whole / 60);
  return m > 0 ? `${m}m ${whole % 60}s` : `${whole}s`;
}
