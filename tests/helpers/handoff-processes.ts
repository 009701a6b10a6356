import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningHandoff } from '../../src/app';
import { closeDatabase, createDatabase } from '../../src/db/client';
import { storedRoutingRules } from '../../src/workspaces/routing-rules';
import { assertBuilt, startHandoffProcess, type HandoffProcess, type ProcessExit } from './handoff-process';

export interface Replicas {
  web: number;
  workers: number;
  // Passed to each node before the script, e.g. ['--cpu-prof', '--cpu-prof-dir=…'].
  nodeArgs?: string[];
  // Settings one role gets on top of the shared ones, e.g. a DATABASE_URL through a counting proxy.
  envFor?: (role: HandoffReplica['role'], env: Record<string, string>) => Promise<Record<string, string>>;
}

export interface HandoffReplica {
  role: 'web' | 'worker';
  pid: number;
  // A web replica's base URL.
  url?: string;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<ProcessExit>;
}

// The workspaces finder lives in the replicas, not here.
export interface RunningReplicas extends Omit<RunningHandoff, 'workspaces'> {
  // Every web replica's base URL; `port` is the first one's.
  urls: string[];
  replicas: HandoffReplica[];
  // Starts one more replica of `role` on the same settings; resolves once it listens or its workers run.
  add(role: HandoffReplica['role']): Promise<HandoffReplica>;
}

const LIFETIME_MS = 60 * 60_000;
// Long enough for a graceful stop to finish the jobs in hand.
const STOP_MS = 30_000;

// Handoff deployed as it runs in production: web and worker replicas, each the built app (dist/main.js) in a
// process of its own, on one database and one queue prefix. The caller reads the database through its own
// small client, as an operator would.
export async function startReplicas(env: Record<string, string>, replicas: Replicas): Promise<RunningReplicas> {
  assertBuilt();
  // No developer's .env is read from here.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'handoff-replicas-'));
  const children: { role: HandoffReplica['role']; process: HandoffProcess; url?: string }[] = [];
  // Resolves once the replica listens (web) or its workers run.
  const start = async (role: HandoffReplica['role']) => {
    const own = (await replicas.envFor?.(role, env)) ?? {};
    const child = startHandoffProcess({ ...env, ...own, HANDOFF_ROLE: role, LOG_LEVEL: 'info' }, { cwd, timeoutMs: LIFETIME_MS, nodeArgs: replicas.nodeArgs });
    const entry: (typeof children)[number] = { role, process: child };
    children.push(entry);
    if (role === 'worker') await child.working;
    else entry.url = `http://127.0.0.1:${await child.listening}`;
    return entry;
  };
  const replicaOf = ({ role, process: child, url }: (typeof children)[number]): HandoffReplica => ({
    role,
    pid: child.pid!,
    url,
    kill: (signal) => child.kill(signal),
    exited: child.exited,
  });
  // A bench or test that dies mid-run must not leave replicas taking jobs and skewing the next run.
  const killAll = () => children.forEach(({ process: child }) => child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(
      children.map(async ({ process: child }) => {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
        await child.exited.catch(() => undefined);
        clearTimeout(killer);
      }),
    );
    await rm(cwd, { recursive: true, force: true });
  };
  try {
    // Workers first: the web replicas' first requests find jobs taken at once.
    await Promise.all(Array.from({ length: replicas.workers }, () => start('worker')));
    const webs = await Promise.all(Array.from({ length: replicas.web }, () => start('web')));
    const urls = webs.map((web) => web.url!);
    // The database as it is, not through anything a role was given: reading it must not count as Handoff's work.
    const db = createDatabase({ url: env.DATABASE_URL!, maxConnections: 2 });
    // With one workspace, the one its replicas seeded; with many, none until an account connects.
    const workspace = await db.workspace.findFirst({ include: { platforms: true } });
    const platform = workspace?.platforms[0];
    return {
      port: urls[0] ? Number(new URL(urls[0]).port) : 0,
      urls,
      replicas: children.map(replicaOf),
      add: async (role) => replicaOf(await start(role)),
      db,
      tenancy: workspace && platform ? { workspaceId: workspace.id, platformId: platform.id, slackTeamId: workspace.slackTeamId, alertsChannel: workspace.alertsChannel, routingRules: storedRoutingRules(workspace.routingRules), settingsVersion: workspace.settingsVersion, account: null } : null,
      async stop() {
        await closeDatabase(db);
        await stop();
      },
    };
  } catch (err) {
    const output = children.map(({ role, process: child }) => `${role}: ${child.output().stderr}`).join('\n');
    await stop();
    throw new Error(`Handoff replicas did not start: ${(err as Error).message}\n${output}`);
  }
}

// Resident memory of a process as the kernel counts it, in bytes.
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}
