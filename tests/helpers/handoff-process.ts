import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// The built app, started the way `npm start` and the Docker image start it.
const BUILT_MAIN = path.resolve(__dirname, '../../dist/main.js');

export interface ProcessExit {
  code: number | null;
  stdout: string;
  // Non-empty lines, in order.
  stderrLines: string[];
}

export interface HandoffProcess {
  // Resolves with the port once the app logs that it is listening; rejects if it exits first.
  listening: Promise<number>;
  // Resolves once a worker (or an app of both roles) logs that its workers take jobs; rejects if it exits first.
  working: Promise<void>;
  // Rejects (after killing the process) if it has not exited within timeoutMs.
  exited: Promise<ProcessExit>;
  kill(signal: NodeJS.Signals): void;
  pid: number | undefined;
  // What it has written so far, for a failure message about a process that is still running.
  output(): { stdout: string; stderr: string };
}

export function assertBuilt(): void {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

// Only `env` reaches the app: nothing of this shell's environment (SLACK_*, DATABASE_URL…) leaks in. Give
// it an empty `cwd` so no developer's .env is read either.
// `nodeArgs` go before the script, e.g. --cpu-prof for a benchmark's profile.
export function startHandoffProcess(env: Record<string, string>, opts: { cwd: string; timeoutMs: number; nodeArgs?: string[] }): HandoffProcess {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BUILT_MAIN], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const waiters: ((line: LogLine) => boolean)[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stdout += text;
    // Each complete line is read once; the text after the last newline waits for the next chunk.
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const entry = logLine(line);
      if (!entry) continue;
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!(entry)) waiters.splice(i, 1);
    }
  });
  // Resolves with what `read` takes from the first line whose message is `msg`.
  const logged = <T>(what: string, msg: string, read: (line: LogLine) => T) => {
    const seen = new Promise<T>((resolve, reject) => {
      waiters.push((line) => {
        if (line.msg !== msg) return false;
        resolve(read(line));
        return true;
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before ${what}:\n${stderr}`)));
    });
    // Tests that expect a failed start never await it; that rejection is not an error for them.
    seen.catch(() => undefined);
    return seen;
  };
  const listening = logged('listening', 'Handoff is listening', (l) => l.port!);
  const working = logged('its workers ran', 'Handoff workers are running', () => undefined);
  const exited = new Promise<ProcessExit>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${opts.timeoutMs} ms; stderr:\n${stderr}`));
    }, opts.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderrLines: stderr.split('\n').filter((l) => l.trim() !== '') });
    });
  });
  return { listening, working, exited, kill: (signal) => child.kill(signal), pid: child.pid, output: () => ({ stdout, stderr }) };
}

interface LogLine {
  msg?: string;
  port?: number;
}

// main logs JSON lines (pino); anything else on stdout (a stack trace) is not a log line.
function logLine(line: string): LogLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
}
