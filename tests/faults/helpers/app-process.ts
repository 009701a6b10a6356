import { assertBuilt, startHandoffProcess, type HandoffProcess, type ProcessExit } from '../../helpers/handoff-process';
import { notePid } from './leftovers';

export type AppRole = 'all' | 'web' | 'worker';

export interface AppProcess {
  // Which start this is (1, 2…), so a request's history can say which process answered it.
  generation: number;
  role: AppRole;
  // Where it serves HTTP; a worker serves nothing.
  url?: string;
  // SIGKILL: no shutdown hook runs, as when the machine or the container dies.
  kill(): Promise<void>;
  // Set when it exited without being told to.
  unexpectedExit(): ProcessExit | undefined;
  // Lines it logged at error level or worse, for a failure message.
  errorLines(): string[];
}

// Long enough for any scenario; the process is killed in afterAll long before.
const LIFETIME_MS = 30 * 60_000;
const PINO_ERROR = 50;

// The built app (dist/main.js) as a child process with exactly `env`, working in `dir`, which is how the run's
// teardown recognises it should a test die without killing it.
export async function startApp(env: Record<string, string>, opts: { dir: string; role: AppRole; generation: number }): Promise<AppProcess> {
  assertBuilt();
  const child: HandoffProcess = startHandoffProcess({ ...env, HANDOFF_ROLE: opts.role }, { cwd: opts.dir, timeoutMs: LIFETIME_MS });
  await notePid(opts.dir, `app-${opts.generation}`, child.pid);
  let killed = false;
  let exit: ProcessExit | undefined;
  const exited = child.exited.then(
    (e) => {
      exit = e;
    },
    () => undefined,
  );
  const port = opts.role === 'worker' ? await child.working.then(() => undefined) : await child.listening;
  return {
    generation: opts.generation,
    role: opts.role,
    url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
    async kill() {
      killed = true;
      child.kill('SIGKILL');
      await exited;
    },
    unexpectedExit: () => (killed ? undefined : exit),
    errorLines: () => child.output().stdout.split('\n').filter((line) => isError(line)),
  };
}

function isError(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= PINO_ERROR;
  } catch {
    return false;
  }
}
