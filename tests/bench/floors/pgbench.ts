import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ALERT_TRANSACTION_SQL = path.resolve(__dirname, 'alert-transaction.sql');

// pgbench as PostgreSQL's server packages install it, or from PATH.
function pgbenchBinary(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  const installed = versions.map((v) => path.join(root, v, 'bin', 'pgbench')).find((p) => existsSync(p));
  return installed ?? 'pgbench';
}

export interface PgbenchRun {
  databaseUrl: string;
  script: string;
  variables: Record<string, string>;
  clients: number;
  seconds: number;
}

// Transactions per second pgbench reaches with `clients` connections running `script` for `seconds`.
export async function pgbenchTps(r: PgbenchRun): Promise<number> {
  const args = [
    '--no-vacuum',
    `--client=${r.clients}`,
    '--jobs=2',
    `--time=${r.seconds}`,
    `--file=${r.script}`,
    ...Object.entries(r.variables).map(([k, v]) => `--define=${k}=${v}`),
    r.databaseUrl,
  ];
  const { stdout } = await run(pgbenchBinary(), args, { timeout: (r.seconds + 30) * 1000 });
  const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps);
}
