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
export function startHandoffProcess(env: Record<string, string>, opts: { cwd: string; timeoutMs: number }): HandoffProcess {
  const child = spawn(process.execPath, [BUILT_MAIN], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const listening = new Promise<number>((resolve, reject) => {
    let port: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // A long-running app logs on; reading every line again for each chunk would grow without bound.
      if (port !== undefined) return;
      port = listeningPort(stdout);
      if (port !== undefined) resolve(port);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${stderr}`)));
  });
  // Tests that expect a failed start never await `listening`; that rejection is not an error for them.
  listening.catch(() => undefined);
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
  return { listening, exited, kill: (signal) => child.kill(signal), pid: child.pid, output: () => ({ stdout, stderr }) };
}

// main logs JSON lines (pino); the one that says it is listening carries the port it got. The text after
// the last newline may be half a line, so it waits for the next chunk.
function listeningPort(stdout: string): number | undefined {
  for (const line of stdout.split('\n').slice(0, -1)) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    if (entry.msg === 'Handoff is listening') return entry.port;
  }
  return undefined;
}
