// PGlite ships its extensions under a subpath export ("./contrib/*"), which TypeScript's "node" module
// resolution does not read; Node.js itself resolves it. This names the one Handoff loads.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';

  export const pg_trgm: Extension;
}
