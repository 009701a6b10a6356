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

// A section gets a fresh Handoff, started with `env` beyond the harness's settings.
export interface BenchSection {
  name: string;
  env?: Record<string, string>;
  run(h: Harness, options: BenchOptions): Promise<SectionResult>;
}

// A section that starts its Handoff itself, to put something between its replicas and PostgreSQL, say.
export interface SelfStartingSection {
  name: string;
  ownHandoff: true;
  run(options: BenchOptions): Promise<SectionResult>;
}
