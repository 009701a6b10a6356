import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ReportRow } from './section';

// CPU time each part of the system spent, read from /proc, so a figure can say where a run's cores went:
// Handoff's web and worker replicas, PostgreSQL, Redis, and this process (the load and the stand-ins).

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces; the fields after it are fixed.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

// utime + stime, and with `reaped` the time of its children that have exited (PostgreSQL's backends).
function cpuMs(pid: number, reaped = false): number {
  const f = statFields(pid);
  if (!f) return 0;
  // Fields 14–17 of stat(5), counted from the state field (3) after the name.
  const [utime, stime, cutime, cstime] = [f[11], f[12], f[13], f[14]].map(Number) as [number, number, number, number];
  return ((utime + stime + (reaped ? cutime + cstime : 0)) * 1000) / TICKS_PER_SECOND;
}

function pidsOf(command: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', command]).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// The postmaster is the oldest postgres process; its reaped-children time covers backends that have ended.
function postgresMs(): number {
  const pids = pidsOf('postgres');
  if (pids.length === 0) return 0;
  const postmaster = Math.min(...pids);
  return pids.reduce((sum, pid) => sum + cpuMs(pid, pid === postmaster), 0);
}

export interface CpuParts {
  [part: string]: number;
}

// A reading of every part's CPU time so far, in ms.
export function readCpu(replicas: { role: string; pid: number }[]): CpuParts {
  const parts: CpuParts = { bench: cpuMs(process.pid) };
  for (const r of replicas) parts[r.role] = (parts[r.role] ?? 0) + cpuMs(r.pid);
  parts.postgres = postgresMs();
  parts.redis = pidsOf('redis-server').reduce((sum, pid) => sum + cpuMs(pid), 0);
  return parts;
}

// What each part spent between two readings, per unit of work (e.g. per alert), and the machine's share.
export function cpuPerUnit(before: CpuParts, after: CpuParts, units: number, elapsedMs: number): { perUnitMs: CpuParts; busyCores: number } {
  const perUnitMs: CpuParts = {};
  let total = 0;
  for (const part of Object.keys(after)) {
    const spent = after[part]! - (before[part] ?? 0);
    total += spent;
    perUnitMs[part] = spent / units;
  }
  return { perUnitMs, busyCores: Math.min(os.cpus().length, total / elapsedMs) };
}

// One printed line: each part's CPU ms per unit, and how many of the machine's cores were busy on average.
export function cpuRow(label: string, { perUnitMs, busyCores }: ReturnType<typeof cpuPerUnit>): ReportRow {
  return {
    label,
    values: [...Object.entries(perUnitMs).map(([part, ms]): [string, string] => [part, `${ms.toFixed(2)} ms`]), ['cores busy', busyCores.toFixed(2)]],
  };
}
