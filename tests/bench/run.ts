import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import globalSetup from '../helpers/global-setup';
import globalTeardown from '../helpers/global-teardown';
import type { Harness } from '../helpers/harness';
import type { Replicas } from '../helpers/handoff-processes';
import { startBenchHandoff } from './handoff';
import { alertsSection } from './alerts';
import { costSection } from './cost';
import { memorySection } from './memory';
import { edgeSection } from './edge';
import { relaySection } from './relay';
import { stormSection } from './storm';
import { triageSection } from './triage';
import type { BenchOptions, BenchSection, SectionResult, SelfStartingSection } from './section';

// npm run bench [-- --alerts N --concurrency C --storm-alerts S --workers W --only a,b --profile DIR]: Handoff as it
// is deployed, a web replica and W worker replicas (the built app, each in its own process), on a fresh test
// database and queue prefix, talking to the local Slack and platform stand-ins. Every request stays on 127.0.0.1.
// --profile writes each replica's CPU profile into DIR.

const SECTIONS: (BenchSection | SelfStartingSection)[] = [alertsSection, edgeSection, relaySection, triageSection, stormSection, costSection, memorySection];
const RESULTS_FILE = path.resolve(__dirname, '../../.bench/results.json');

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1, got ${value}`);
  return n;
}

interface RunOptions extends BenchOptions {
  only: (BenchSection | SelfStartingSection)[];
  replicas: Replicas;
}


function readOptions(): RunOptions {
  const { values } = parseArgs({
    options: {
      alerts: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '32' },
      'storm-alerts': { type: 'string', default: '16' },
      workers: { type: 'string', default: '1' },
      only: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const names = values.only?.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names?.filter((n) => !SECTIONS.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`--only names no section ${unknown.join(', ')}; there are ${SECTIONS.map((s) => s.name).join(', ')}`);
  const replicas = {
    web: 1,
    workers: positiveInteger('workers', values.workers),
    nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [],
  };
  return {
    alerts: positiveInteger('alerts', values.alerts),
    concurrency: positiveInteger('concurrency', values.concurrency),
    stormAlerts: positiveInteger('storm-alerts', values['storm-alerts']),
    only: names ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS,
    replicas,
  };
}

function print(result: SectionResult): void {
  const width = Math.max(...result.rows.map((r) => r.label.length));
  console.log(`\n${result.title}`);
  for (const row of result.rows) {
    console.log(`  ${row.label.padEnd(width)}  ${row.values.map(([k, v]) => `${k} ${v.padStart(9)}`).join('   ')}`);
  }
}

// A fresh Handoff per section, so one section's backlog does not slow the next.
async function withHandoff<T>(options: BenchOptions, env: Record<string, string> | undefined, work: (h: Harness) => Promise<T>): Promise<T> {
  const h = await startBenchHandoff(options, undefined, env);
  try {
    return await work(h);
  } finally {
    await h.stop();
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  // The same database template and clean-up the jest run uses.
  await globalSetup();
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    replicas: { web: options.replicas.web, workers: options.replicas.workers },
  };
  try {
    for (const section of options.only) {
      const result = 'ownHandoff' in section ? await section.run(options) : await withHandoff(options, section.env, (h) => section.run(h, options));
      print(result);
      results[section.name] = result.json;
    }
  } finally {
    await globalTeardown();
  }
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
