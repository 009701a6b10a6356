import { startHarness, type Harness } from '../helpers/harness';
import type { Replicas } from '../helpers/handoff-processes';
import type { BenchOptions } from './section';

// A fresh Handoff, deployed as the run asks, on its own database and queue prefix. The suite checks every
// Slack call against Slack's reference; here the stand-in only answers, so the load is Handoff's.
export function startBenchHandoff(options: BenchOptions, envFor?: Replicas['envFor'], env: Record<string, string> = {}): Promise<Harness> {
  return startHarness(env, { replicas: { ...(options.replicas ?? { web: 1, workers: 1 }), envFor }, checkSlackCalls: false });
}
