import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// `npm ci` installs exactly what package-lock.json lists. A lock regenerated against a registry that lacks
// other platforms' binaries still installs here, but `npm ci` then fails (or BullMQ loses its native
// msgpack decoder) on the Linux arm64 server, the Mac or the Windows laptop it left out.

const ROOT = join(__dirname, '..', '..');
const readJson = (...parts: string[]) => JSON.parse(readFileSync(join(ROOT, ...parts), 'utf8'));

interface LockedPackage {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  optionalDependencies?: Record<string, string>;
}
const lock = readJson('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockedPackage> };

// npm's lookup: the package's own node_modules first, then each enclosing one up to the top.
function resolve(from: string, name: string): LockedPackage | undefined {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    const found = lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
    if (found || !dir) return found;
  }
}

describe('package-lock.json', () => {
  it('lists every platform binary msgpackr-extract may load, not only this machine\'s', () => {
    const wanted = readJson('node_modules', 'msgpackr-extract', 'package.json').optionalDependencies as Record<string, string>;
    const platforms = Object.keys(wanted).map((name) => {
      const locked = resolve('node_modules/msgpackr-extract', name);
      return { name, version: locked?.version, os: locked?.os, cpu: locked?.cpu };
    });
    expect(platforms).toEqual(Object.entries(wanted).map(([name, version]) => ({ name, version, os: expect.any(Array), cpu: expect.any(Array) })));
    expect(platforms.map((p) => `${p.os}-${p.cpu}`)).toEqual(expect.arrayContaining(['linux-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64']));
  });

  it('has an entry for every optional dependency of every locked package', () => {
    const missing = Object.entries(lock.packages).flatMap(([at, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {})
        .filter((name) => !resolve(at, name))
        .map((name) => `${at || '(root)'} → ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
