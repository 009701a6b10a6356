// Slack's documented limits as the stand-in enforces them when asked to (SlackStandIn.enforceRateLimits): a
// token bucket per limit, full at the start, refilled continuously. Slack publishes the sustained rates only
// ("1 per second per channel, short bursts allowed"; Tier 3 "50+ per minute, sporadic bursts welcome"), so the
// burst sizes here are our choice: small enough that a client which ignores pacing is refused within a second
// or two of a storm, large enough to be called a burst.
export interface RateLimit {
  perMinute: number;
  burst: number;
  // chat.postMessage is limited per channel; Tier methods per method per workspace.
  per: 'channel' | 'workspace';
}

export const SLACK_RATE_LIMITS: Record<string, RateLimit> = {
  'chat.postMessage': { perMinute: 60, burst: 3, per: 'channel' },
  'chat.update': { perMinute: 50, burst: 5, per: 'workspace' },
  'reactions.add': { perMinute: 50, burst: 5, per: 'workspace' },
};

// What one limit saw: calls it let through, calls it answered 429, and the longest run of 429s in a row
// (a run ends with the next call the limit lets through).
export interface LimitStats {
  accepted: number;
  limited: number;
  longestLimitedRun: number;
}

interface Bucket {
  tokens: number;
  at: number;
  run: number;
  stats: LimitStats;
}

// The number of calls a limit lets through in a window of `ms` that starts with a full bucket.
export function allowedCalls(limit: RateLimit, ms: number): number {
  return limit.burst + Math.floor((ms * limit.perMinute) / 60_000);
}

export class SlackRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: Record<string, RateLimit>) {}

  // `undefined` lets the call through; a number is the Retry-After, in whole seconds, of a refusal.
  take(method: string, channel: unknown, now = Date.now()): number | undefined {
    const limit = this.limits[method];
    if (!limit) return undefined;
    const key = limit.per === 'channel' ? `${method} ${String(channel)}` : method;
    const bucket = this.buckets.get(key) ?? this.fresh(key, limit.burst, now);
    const perMs = limit.perMinute / 60_000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.run = 0;
      bucket.stats.accepted += 1;
      return undefined;
    }
    bucket.run += 1;
    bucket.stats.limited += 1;
    bucket.stats.longestLimitedRun = Math.max(bucket.stats.longestLimitedRun, bucket.run);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  // Keyed by limit: 'chat.postMessage C0ALERTS', 'chat.update', 'reactions.add'.
  report(): Record<string, LimitStats> {
    return Object.fromEntries([...this.buckets].map(([key, b]) => [key, { ...b.stats }]));
  }

  private fresh(key: string, burst: number, now: number): Bucket {
    const bucket = { tokens: burst, at: now, run: 0, stats: { accepted: 0, limited: 0, longestLimitedRun: 0 } };
    this.buckets.set(key, bucket);
    return bucket;
  }
}
