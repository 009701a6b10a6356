const POLL_MS = 10;

export interface WaitOptions<T> {
  timeoutMs: number;
  minCount: number;
  // Names what was waited for in the timeout message, e.g. "Slack API calls".
  label: string;
  describe: (record: T) => string;
}

// Polls recorded traffic until at least minCount records match. Uses real timers: don't combine with
// jest.useFakeTimers() unless the clock is advanced by hand.
export async function waitForRecords<T>(
  read: () => readonly T[],
  predicate: (record: T) => boolean,
  opts: WaitOptions<T>,
): Promise<T[]> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const matches = read().filter(predicate);
    if (matches.length >= opts.minCount) return matches;
    if (Date.now() >= deadline) throw new Error(timeoutMessage(read(), matches.length, opts));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function timeoutMessage<T>(all: readonly T[], matched: number, opts: WaitOptions<T>): string {
  const listing = all.length === 0 ? '  (none)' : all.map((r, i) => `  ${i + 1}. ${truncate(opts.describe(r))}`).join('\n');
  return `waitFor timed out after ${opts.timeoutMs} ms: ${matched} of ${opts.minCount} expected ${opts.label} matched.\n` +
    `Recorded ${opts.label}:\n${listing}`;
}

function truncate(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
