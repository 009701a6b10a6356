import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './free-port';
import { notePid, privateDir } from './leftovers';

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  pid(): number | undefined;
  // Kills the server and starts an empty one on the same port: every key is gone, as after a crash of a Redis
  // that does not persist. `downMs` keeps it unreachable that long in between.
  restart(opts?: { downMs?: number }): Promise<void>;
  // Kills the server and removes its directory.
  stop(): Promise<void>;
}

const READY = 'Ready to accept connections';
const START_TIMEOUT_MS = 15_000;

// A redis-server of the test's own, on a loopback port, that can be killed and restarted without touching the
// shared Redis other tests use. Nothing is saved to disk, so a restart always comes back empty.
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await privateDir('redis');
  let child: ChildProcess | undefined;
  let port = 0;
  try {
    // A port found free can be taken before redis binds it; another one is then as good.
    for (let attempt = 1; !child; attempt++) {
      port = await freePort();
      child = await launch(port, dir).catch((err: Error) => {
        if (attempt >= 3 || !/Address already in use/.test(err.message)) throw err;
        return undefined;
      });
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running) await killAndWait(running);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    pid: () => child?.pid,
    async restart({ downMs = 0 } = {}) {
      await kill();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, dir);
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The server logs to a file, not to a pipe, and is unref'd: one a test forgot to stop does not keep jest from
// exiting, and the run's teardown then kills it. Redis works in `dir`, which is how the teardown knows it.
async function launch(port: number, dir: string): Promise<ChildProcess> {
  const log = path.join(dir, `redis-${port}.log`);
  await rm(log, { force: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--logfile', log];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  child.unref();
  await notePid(dir, 'redis', child.pid);
  let failure: Error | undefined;
  child.once('error', (err) => (failure = new Error(`could not run redis-server (is it installed?): ${err.message}`)));
  child.once('exit', (code) => (failure ??= new Error(`redis-server on port ${port} exited with ${code}`)));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const output = await readFile(log, 'utf8').catch(() => '');
    if (failure) throw new Error(`${failure.message}:\n${output}`);
    if (output.includes(READY)) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} not ready after ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
