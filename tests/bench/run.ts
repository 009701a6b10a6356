import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import globalSetup from '../helpers/global-setup';
import globalTeardown from '../helpers/global-teardown';
import { startHarness } from '../helpers/harness';
import { alertsSection } from './alerts';
import { edgeSection } from './edge';
import { relaySection } from './relay';
import { stormSection } from './storm';
import { triageSection } from './triage';
import type { BenchOptions, BenchSection, SectionResult } from './section';

// npm run bench [-- --alerts N --concurrency C --storm-alerts S --only a,b]: a full Handoff on a fresh test
// database and queue prefix, talking to the local Slack and platform stand-ins. Every request stays on 127.0.0.1.

const SECTIONS: BenchSection[] = [alertsSection, edgeSection, relaySection, triageSection, stormSection];
const RESULTS_FILE = path.resolve(__dirname, '../../.bench/results.json');

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1, got ${value}`);
  return n;
}

function readOptions(): BenchOptions & { only: BenchSection[] } {
  const { values } = parseArgs({
    options: {
      alerts: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '32' },
      'storm-alerts': { type: 'string', default: '16' },
      only: { type: 'string' },
    },
  });
  const names = values.only?.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names?.filter((n) => !SECTIONS.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`--only names no section ${unknown.join(', ')}; there are ${SECTIONS.map((s) => s.name).join(', ')}`);
  return {
    alerts: positiveInteger('alerts', values.alerts),
    concurrency: positiveInteger('concurrency', values.concurrency),
    stormAlerts: positiveInteger('storm-alerts', values['storm-alerts']),
    only: names ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS,
  };
}

function print(result: SectionResult): void {
  const width = Math.max(...result.rows.map((r) => r.label.length));
  console.log(`\n${result.title}`);
  for (const row of result.rows) {
    console.log(`  ${row.label.padEnd(width)}  ${row.values.map(([k, v]) => `${k} ${v.padStart(9)}`).join('   ')}`);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  // The same database template and clean-up the jest run uses.
  await globalSetup();
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
  };
  try {
    for (const section of options.only) {
      // A fresh Handoff per section, so one section's backlog does not slow the next.
      const h = await startHarness(section.env);
      try {
        const result = await section.run(h, options);
        print(result);
        results[section.name] = result.json;
      } finally {
        await h.stop();
      }
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
