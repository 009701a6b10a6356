import { setFlagsFromString } from 'node:v8';

// Prisma's query compiler is WebAssembly. V8 compiles it with its baseline compiler and then again with its
// optimising one, and keeps both: about 20 MB of every process's memory. Measured on our queries, the baseline
// code alone is no slower (the hot path's statements do not go through Prisma at all, see db/statements.ts).
// Set before anything compiles WebAssembly, so this module is the first main.ts imports.
setFlagsFromString('--liftoff-only');
