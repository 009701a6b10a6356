import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// Every private server and app process of the fault tests lives in a directory of its own, named after the
// jest run, with the pid of each process it started. Tests stop them in afterAll; a worker that dies first
// leaves them behind, and the run's global teardown ends them from those records.

const PREFIX = 'handoff-fault-';

function runId(): string {
  return process.env.HANDOFF_TEST_RUN ?? 'orphan';
}

export function privateDir(kind: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `${PREFIX}${runId()}-${kind}-`));
}

export async function notePid(dir: string, name: string, pid: number | undefined): Promise<void> {
  if (pid !== undefined) await writeFile(path.join(dir, `${name}.pid`), String(pid));
}

// Only a process whose working directory is the one it was noted in is ours: a pid can be reused.
function killIfOurs(dir: string, pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    if (cwd === dir || cwd.startsWith(`${dir}/`)) process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export function sweepLeftovers(run: string = runId()): string[] {
  const swept: string[] = [];
  for (const name of readdirSync(os.tmpdir()).filter((n) => n.startsWith(`${PREFIX}${run}-`))) {
    const dir = path.join(os.tmpdir(), name);
    const postmaster = path.join(dir, 'data', 'postmaster.pid');
    // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its backends with it.
    if (existsSync(postmaster)) killIfOurs(dir, Number(readFileSync(postmaster, 'utf8').split('\n')[0]), 'SIGQUIT');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pid'))) killIfOurs(dir, Number(readFileSync(path.join(dir, file), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
    swept.push(dir);
  }
  return swept;
}

