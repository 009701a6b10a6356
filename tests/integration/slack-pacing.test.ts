import { alertBody } from '../helpers/alerts';
import { alertStorm } from '../helpers/alert-storm';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { waitForSettled } from '../helpers/settle';
import { openConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

jest.setTimeout(90_000);

let h: Harness;
useHarness((started) => (h = started), { env: { SLACK_PACING: 'on' } });
beforeEach(() => h.slack.enforceRateLimits());

const posts = () => h.slack.calls('chat.postMessage').filter((c) => c.args.channel === ALERTS_CHANNEL);

describe("pacing Slack calls within Slack's limits", () => {
  it('posts a burst of alerts into one channel without a 429, losing nothing and keeping each thread in order', async () => {
    // Four alerts and a reply in each owe the channel 16 posts: at one a second, about 15 s.
    const storm = await alertStorm(h, { alerts: 4, runId: 'burst', timeoutMs: 60_000 });
    expect(storm.problems).toEqual([]);
    expect(storm.posts).toHaveLength(16);
    expect(h.slack.rateLimitReport()).toMatchObject({
      [`chat.postMessage ${ALERTS_CHANNEL}`]: { accepted: expect.any(Number), limited: 0, longestLimitedRun: 0 },
      'reactions.add': { accepted: 4, limited: 0 },
    });
    // Slack's pace was the only thing holding posts back: they went about one a second after the burst.
    const spanMs = storm.posts.at(-1)!.at - storm.posts[0]!.at;
    expect(spanMs).toBeGreaterThanOrEqual(13_000);
    expect(spanMs).toBeLessThan(18_000);
  });

  it('holds every job for the channel off for Retry-After after a 429, so the next post is not refused too', async () => {
    // Slack refuses the next post into the channel, as when another app used up the channel's limit.
    h.slack.failNext('chat.postMessage', { retryAfter: 2 });
    await Promise.all([0, 1].map(() => h.platformRequest('/api/v1/handoffs', alertBody({ transcript: [] }))));
    await waitForSettled(h, 30_000);
    const [refused, ...after] = posts();
    expect(refused!.status).toBe(429);
    // Two conversations, so two threads: per-thread pauses would have let the other thread post at once.
    expect(after.length).toBeGreaterThanOrEqual(4);
    expect(after.every((c) => c.status === 200)).toBe(true);
    expect(after[0]!.at - refused!.at).toBeGreaterThanOrEqual(2000 - 50);
  });

  it('collapses root refreshes asked for together into one chat.update showing the latest version', async () => {
    const c = await openConversation(h);
    await waitForSettled(h);
    // Three more alerts for the same conversation: versions 2, 3 and 4, each asking for a root refresh.
    for (const summary of ['second look', 'third look', 'fourth look']) {
      const res = await h.platformRequest('/api/v1/handoffs', alertBody({ conversationId: c.externalId, summary, transcript: [] }));
      expect(res.status).toBe(202);
    }
    await waitForSettled(h, 30_000);
    const row = await h.app.db.conversation.findFirstOrThrow({ where: { id: c.id } });
    expect(row.version).toBe(4);
    expect(row.rootVersion).toBe(4);
    const updates = h.slack.calls('chat.update').filter((u) => u.args.ts === c.rootTs && u.status === 200);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(3);
    expect(JSON.stringify(updates.at(-1)!.args.blocks)).toContain('fourth look');
  });
});
