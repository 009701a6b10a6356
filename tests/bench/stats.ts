import type { ReportRow } from './section';

// Summaries of measured durations, shared by every bench section.

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

// Nearest-rank percentile of an ascending list: the smallest sample at or above p% of the samples.
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, s) => sum + s, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
  };
}

export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : Number.NaN;
}

// Milliseconds below a second, seconds above, so short and long waits both read at a glance.
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const rate = (v: number): string => `${v.toFixed(0)}/s`;

// One report row showing the chosen percentiles of a distribution.
export function spread(label: string, d: Distribution, keys: (keyof Distribution)[]): ReportRow {
  return { label, values: keys.map((k) => [k, formatDuration(d[k])]) };
}
