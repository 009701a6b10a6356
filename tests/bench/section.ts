import type { Harness } from '../helpers/harness';

// What run.ts knows about a part of the benchmark: each section lives in its own file and is listed in run.ts.

export interface BenchOptions {
  // How many alerts (conversations) a section creates.
  alerts: number;
  // How many requests are in flight at once.
  concurrency: number;
  // How long a floor (pgbench) runs; a smoke run keeps it short.
  floorSeconds?: number;
  // How many alerts the storm raises at once into one channel; at Slack's pace each costs about 4 s.
  stormAlerts?: number;
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

export interface BenchSection {
  name: string;
  // Settings the section's Handoff starts with, beyond the harness's.
  env?: Record<string, string>;
  run(h: Harness, options: BenchOptions): Promise<SectionResult>;
}
