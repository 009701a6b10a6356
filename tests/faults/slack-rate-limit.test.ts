import { setTimeout as sleep } from 'node:timers/promises';
import type { SlackCall } from '../helpers/slack-stand-in';
import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

// Slack answers every chat.postMessage with 429 for a while, as when the channel's posting limit is hit.
const RATE_LIMITED_MS = 8000;
const RETRY_AFTER_SECONDS = 2;
// The stand-in stamps a call when it arrives; a retry timed from the app's side of the answer is never earlier.
const CLOCK_SLACK_MS = 50;
const LISTED = 10;

const stage = useStage();

it('waits as long as Retry-After says before posting again, and still posts everything once', async () => {
  const outcome = await trafficThroughFault(stage(), {
    when: 'customer messages posted',
    async strike() {
      stage().slack.failFor('chat.postMessage', RATE_LIMITED_MS, { retryAfter: RETRY_AFTER_SECONDS });
      await sleep(RATE_LIMITED_MS);
    },
  });
  const posts = stage().slack.calls('chat.postMessage');
  expect({ rateLimited: posts.some((c) => c.status === 429), retriedTooSoon: retriedTooSoon(posts), findings: outcome.findings })
    .toEqual({ rateLimited: true, retriedTooSoon: [], findings: NOTHING_WRONG });
});

// The same post sent again sooner than Slack's Retry-After allowed, whichever job sent it: a count, the
// shortest wait, and the first few.
function retriedTooSoon(calls: SlackCall[]): string[] {
  const key = (c: SlackCall) => JSON.stringify([c.args.channel, c.args.thread_ts ?? null, c.args.text]);
  const early: { post: string; waited: number }[] = [];
  calls.forEach((call, i) => {
    if (call.status !== 429) return;
    const next = calls.slice(i + 1).find((c) => key(c) === key(call));
    const waited = next ? next.at - call.at : Infinity;
    if (waited < RETRY_AFTER_SECONDS * 1000 - CLOCK_SLACK_MS) early.push({ post: `${String(call.args.text).slice(0, 60)} (thread ${String(call.args.thread_ts ?? '-')})`, waited });
  });
  if (early.length === 0) return [];
  const shortest = Math.min(...early.map((e) => e.waited));
  return [
    `${early.length} of ${calls.filter((c) => c.status === 429).length} rate-limited posts were sent again sooner than Retry-After: ${RETRY_AFTER_SECONDS} allowed (shortest wait ${shortest} ms)`,
    ...early.slice(0, LISTED).map((e) => `${e.post}: again after ${e.waited} ms`),
  ];
}
