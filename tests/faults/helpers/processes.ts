import { readFileSync } from 'node:fs';

// Whether a process still runs. A zombie does not: a daemon such as the postmaster is re-parented to PID 1,
// which may take its time to reap it.
export function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitUntilGone(pid: number | undefined, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`${what} (pid ${pid}) still runs ${timeoutMs} ms after it was stopped`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
