import { createHash } from 'node:crypto';

// Where the tests find PostgreSQL and Redis; overridable for machines that run them elsewhere.
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// The template is named after the migrations it holds, so changing a migration builds a fresh one.
export function templateName(checksums: string[]): string {
  return `handoff_template_${createHash('sha256').update(checksums.join(',')).digest('hex').slice(0, 12)}`;
}
