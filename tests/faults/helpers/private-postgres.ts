import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chown, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';
import { privateDir } from './leftovers';
import { waitUntilGone } from './processes';

const run = promisify(execFile);

export interface PrivatePostgres {
  port: number;
  dir: string;
  // The postmaster's, while the cluster runs.
  pid(): number | undefined;
  // A database in this cluster; `handoff` exists from the start, empty, for the app to migrate.
  url(database?: string): string;
  // Stops the cluster at once (no checkpoint, like a crash) and starts it again on the same port with its
  // data; `downMs` keeps it unreachable that long in between.
  restart(opts?: { downMs?: number }): Promise<void>;
  // Stops the cluster and removes its directory.
  stop(): Promise<void>;
}

export const APP_DATABASE = 'handoff';

// A PostgreSQL cluster of the test's own, from initdb into a temporary directory, so a test can stop and
// restart it without touching the shared server. A restart keeps everything committed, as after a crash of the
// server process; only a crash of the whole machine could lose more.
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  const dir = await privateDir('pg');
  const data = path.join(dir, 'data');
  let port = 0;
  // The postgres user may not be allowed into the caller's working directory; the cluster's own is theirs.
  const inCluster = (command: string, ...args: string[]) => run(...asPostgres(command, args), { cwd: dir });
  const pgCtl = (...args: string[]) => inCluster(path.join(bin, 'pg_ctl'), '-D', data, ...args);
  const start = () => pgCtl('start', '-w', '-t', '30', '-l', path.join(dir, 'postgres.log'), '-o', serverOptions(port, dir));
  const running = () => existsSync(path.join(data, 'postmaster.pid'));
  const postmaster = () => (running() ? Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined);
  // pg_ctl is done once the pid file is gone, a moment before the postmaster itself is.
  const stopNow = async () => {
    const pid = postmaster();
    await pgCtl('stop', '-m', 'immediate', '-w');
    await waitUntilGone(pid, 'the private postmaster');
  };
  const removeAll = async () => {
    if (running()) await stopNow().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (runsAsRoot()) await chown(dir, postgresId('-u'), postgresId('-g'));
    await inCluster(path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync');
    // A port found free can be taken before postgres binds it; another one is then as good.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const started = await start().then(() => true, async (err: Error) => {
        const log = await readFile(path.join(dir, 'postgres.log'), 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not bind|Address already in use/.test(log)) throw new Error(`pg_ctl start failed: ${err.message}\n${log}`);
        return false;
      });
      if (started) break;
    }
    const admin = new Client({ connectionString: urlFor(port, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${APP_DATABASE}"`).finally(() => admin.end());
  } catch (err) {
    await removeAll();
    throw err;
  }
  return {
    port,
    dir,
    pid: postmaster,
    url: (database = APP_DATABASE) => urlFor(port, database),
    async restart({ downMs = 0 } = {}) {
      await stopNow();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop: removeAll,
  };
}

function urlFor(port: number, database: string): string {
  return `postgresql://postgres@127.0.0.1:${port}/${database}`;
}

// Loopback TCP for the app and a unix socket only inside the cluster's own directory. fsync is off: a commit
// still writes its WAL to the operating system, which outlives a killed postmaster. synchronous_commit stays
// on, or an immediate stop would lose commits the app was already told about.
function serverOptions(port: number, dir: string): string {
  return [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c full_page_writes=off'].join(' ');
}

// initdb refuses to run as root, so as root the cluster belongs to the postgres user.
function asPostgres(command: string, args: string[]): [string, string[]] {
  return runsAsRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

// Debian and Ubuntu keep the server binaries out of PATH, one directory per major version; the newest wins.
function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return path.join(root, newest, 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`no PostgreSQL server binaries found (looked in ${root}/*/bin and pg_config --bindir)`);
  }
}
