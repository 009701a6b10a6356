import { randomUUID } from 'node:crypto';
import { alertStorm } from '../helpers/alert-storm';
import { ALERTS_CHANNEL } from '../helpers/harness';
import { SLACK_RATE_LIMITS, allowedCalls } from '../helpers/slack-rate-limits';
import type { BenchSection, ReportRow } from './section';
import { distribution, formatDuration, spread } from './stats';

// An alert storm into one channel against a Slack stand-in that enforces Slack's limits (429 with Retry-After
// beyond them), with an agent replying in every thread as its alert arrives. Measured: how close Handoff posts
// to the rate Slack allows, whether it ever runs into a second 429 in a row, whether anything is lost, and
// whether its Slack-side feedback (✔️, root refreshes) ever holds up a reply on its way to the customer.

const DEFAULT_ALERTS = 16;
const POSTING = SLACK_RATE_LIMITS['chat.postMessage']!;

const perSecond = (n: number) => `${n.toFixed(2)}/s`;

export const stormSection: BenchSection = {
  name: 'storm',
  env: { SLACK_PACING: 'on' },
  async run(h, { stormAlerts = DEFAULT_ALERTS }) {
    h.slack.enforceRateLimits();
    const storm = await alertStorm(h, { alerts: stormAlerts, runId: randomUUID().slice(0, 8), timeoutMs: 60_000 + stormAlerts * 10_000 });
    // From the first alert sent to the last post Slack took: the stand-in's bucket is full at the start, so
    // Slack would allow its burst plus one post a second over that window.
    const windowMs = storm.posts.at(-1)!.at - storm.startedAt;
    const allowed = allowedCalls(POSTING, windowMs);
    const ofAllowed = storm.posts.length / allowed;
    const limits = h.slack.rateLimitReport();
    const latency = distribution(storm.replyLatenciesMs);
    const worstRun = Math.max(0, ...Object.values(limits).map((l) => l.longestLimitedRun));
    const limitRows: ReportRow[] = Object.entries(limits).map(([key, l]) => ({
      label: `  ${key}`,
      values: [['taken', String(l.accepted)], ['429s', String(l.limited)], ['longest run', String(l.longestLimitedRun)]],
    }));
    return {
      title: `Storm: ${stormAlerts} alerts at once into one channel, a reply in each thread, Slack's limits enforced`,
      rows: [
        { label: `chat.postMessage into ${ALERTS_CHANNEL}`, values: [['posts', String(storm.posts.length)], ['in', formatDuration(windowMs)], ['rate', perSecond((storm.posts.length * 1000) / windowMs)]] },
        { label: 'allowed by Slack, bursts included', values: [['posts', String(allowed)], ['ratio', `${(100 * ofAllowed).toFixed(1)} %`], ['target', '≥ 90 %']] },
        { label: 'Slack limits (target: no run of 2)', values: [['worst run', String(worstRun)]] },
        ...limitRows,
        { label: 'lost, twice or out of order', values: [['posts', String(storm.problems.length)]] },
        spread('reply → customer webhook', latency, ['p50', 'p99', 'max']),
      ],
      json: {
        alerts: stormAlerts,
        posts: storm.posts.length,
        windowMs,
        allowedPosts: allowed,
        ofAllowed,
        limits,
        worstLimitedRun: worstRun,
        problems: storm.problems,
        replyToWebhookMs: latency,
      },
    };
  },
};
