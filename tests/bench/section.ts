import type { Harness } from '../helpers/harness';
import type { Replicas } from '../helpers/handoff-processes';

// What run.ts knows about a part of the benchmark: each section lives in its own file and is listed in run.ts.

export interface BenchOptions {
  // How many alerts (conversations) a section creates.
  alerts: number;
  // How many requests are in flight at once.
  concurrency: number;
  // How long a floor (pgbench) runs; a smoke run keeps it short.
  floorSeconds?: number;
  // How Handoff is deployed for the run, for a section that starts its own.
  replicas?: Replicas;
}

// One printed line: a label and its values, already formatted (e.g. ['p50', '4.1 ms']).
export interface ReportRow {
  label: string;
  values: [string, string][];
}

export interface SectionResult {
  title: string;
  rows: ReportRow[];
  // Written under the section's name in .bench/results.json.
  json: Record<string, unknown>;
}

// A section gets a fresh Handoff, or with `ownHandoff` starts one itself (to put something between its
// replicas and PostgreSQL, say) and is given none.
export type BenchSection =
  | { name: string; ownHandoff?: false; run(h: Harness, options: BenchOptions): Promise<SectionResult> }
  | { name: string; ownHandoff: true; run(h: undefined, options: BenchOptions): Promise<SectionResult> };
