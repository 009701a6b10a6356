import { execFile } from 'node:child_process';
import path from 'node:path';
import { scripts } from '../../package.json';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

// One of package.json's `node dist/…` scripts, as `npm run <name>` runs it once built: only `env` reaches it,
// and `cwd` should hold no .env of a developer's; `args` are what follows `--`.
export function runNpmCommand(
  name: 'db:migrate' | 'send-test-alert' | 'purge-workspace',
  env: Record<string, string>,
  cwd: string,
  args: string[] = [],
): Promise<CommandResult> {
  const [node, script] = scripts[name].split(' ');
  if (node !== 'node' || !script) throw new Error(`package.json's ${name} script is not \`node <script>\`: ${scripts[name]}`);
  return new Promise((resolve) => {
    execFile(process.execPath, [path.resolve(__dirname, '../..', script), ...args], { cwd, env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
