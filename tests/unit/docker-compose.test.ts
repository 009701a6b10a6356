import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { scripts } from '../../package.json';
import { VARIABLES, parseConfig } from '../../src/config';
import { REQUIRED_SETTINGS as FILLED_IN } from '../helpers/required-settings';

// No Docker engine runs where the tests do, so docker-compose.yml and .env.example are checked as files: Compose's
// own `config` (which needs no engine), the services and their order of start-up, and that every variable they
// set is one Handoff reads.

const ROOT = join(__dirname, '..', '..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  env_file?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
}
// Compose understands YAML merge keys (`<<: *handoff`); the services are read as Compose reads them.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { postgres, redis, migrate, web, worker } = compose.services as Record<'postgres' | 'redis' | 'migrate' | 'web' | 'worker', Service>;
const exampleEnv = parseEnv(read('.env.example'));
const exampleNames = [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);


// Compose v2 (`docker compose`) where it is installed, else v1 (`docker-compose`, which .ci/run installs).
function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  throw new Error('neither `docker compose` nor `docker-compose` is installed (apt-get install -y docker-compose)');
}

describe('docker-compose.yml', () => {
  it('is accepted by Compose itself, with .env.example as the .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-compose-'));
    try {
      copyFileSync(join(ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
      copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'));
      const [command, ...args] = composeCommand();
      const services = execFileSync(command!, [...args, 'config', '--services'], { cwd: dir, encoding: 'utf8' });
      expect(services.trim().split('\n').sort()).toEqual(['migrate', 'postgres', 'redis', 'web', 'worker']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs PostgreSQL, Redis, a migration, one web and one worker process', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['migrate', 'postgres', 'redis', 'web', 'worker']);
    expect([web, worker].map((s) => s?.environment?.HANDOFF_ROLE)).toEqual(['web', 'worker']);
  });

  it('builds one image for the migration, web and worker, each with its settings from .env', () => {
    for (const service of [migrate, web, worker]) expect(service).toMatchObject({ build: '.', image: 'handoff', env_file: '.env' });
  });

  it('migrates once with npm run db:migrate, before web and worker start', () => {
    expect(migrate?.command).toEqual(['npm', 'run', 'db:migrate']);
    expect(scripts['db:migrate']).toBeDefined();
    expect(migrate?.restart).toBe('no');
    expect(migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const service of [web, worker]) {
      expect(service?.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('checks the health of every service something waits on, and of web through /healthz', () => {
    expect(postgres?.healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect([web?.healthcheck, worker?.healthcheck]).toEqual([undefined, undefined]);
    // The image's check asks PORT, 3000 unless set, where a worker serves it as its HEALTH_PORT.
    expect(worker?.environment?.PORT).toBeUndefined();
    expect(worker?.environment?.HEALTH_PORT).toBe('3000');
    expect(read('Dockerfile')).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/m);
    // The image's check asks a port that a migration never opens.
    expect(migrate?.healthcheck).toEqual({ disable: true });
  });

  it('gives web and worker settings Handoff accepts, pointing at the compose PostgreSQL and Redis', () => {
    for (const service of [web, worker]) {
      const config = parseConfig({ ...FILLED_IN, ...service?.environment });
      expect(config.database).toMatchObject({ url: expect.stringMatching(/^postgresql:\/\/[^/]+@postgres:5432\//) });
      expect(config.redis.url).toBe('redis://redis:6379');
    }
    expect(migrate?.environment?.DATABASE_URL).toBe(web?.environment?.DATABASE_URL);
  });

  it('sets only variables Handoff reads', () => {
    const names = [migrate, web, worker].flatMap((s) => Object.keys(s?.environment ?? {}));
    expect(names.filter((name) => !VARIABLES.includes(name))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('lists every variable Handoff reads, and nothing else', () => {
    expect([...exampleNames].sort()).toEqual([...VARIABLES].sort());
  });

  it('leaves only the four required settings to fill in, which Handoff then names', () => {
    expect(exampleEnv).toEqual({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_ALERTS_CHANNEL: '', HANDOFF_SIGNING_SECRET: '' });
    expect(() => parseConfig(exampleEnv)).toThrow(/SLACK_SIGNING_SECRET.*HANDOFF_SIGNING_SECRET.*SLACK_BOT_TOKEN.*SLACK_ALERTS_CHANNEL/);
    expect(parseConfig({ ...exampleEnv, ...FILLED_IN }).role).toBe('all');
  });

  it('shows each default as Handoff applies it', () => {
    const defaults = Object.fromEntries([...read('.env.example').matchAll(/^# ([A-Z][A-Z0-9_]*)=(.+)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(parseConfig({ ...FILLED_IN, ...defaults })).toEqual(parseConfig(FILLED_IN));
  });
});
