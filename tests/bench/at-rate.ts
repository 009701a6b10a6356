import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

// Starts task(i) every 1000/perSecond ms whether or not earlier ones have finished, as Slack sends events, and
// returns each one's latency. An open loop: a slow answer does not slow the sender down and so hides nothing.
// The first failure is thrown once every task has ended, so none is left running unobserved.
export async function atRate(count: number, perSecond: number, task: (index: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = new Array(count);
  const started = performance.now();
  const running: Promise<void>[] = [];
  let failure: unknown;
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    running.push(
      task(i).then(
        () => void (latencies[i] = performance.now() - sent),
        (err: unknown) => void (failure ??= err),
      ),
    );
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
  return latencies;
}
