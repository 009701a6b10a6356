import { setFlagsFromString } from 'node:v8';

// Prisma's query compiler is WebAssembly. V8 compiles it with its baseline compiler and then again with its
// optimising one, and keeps both: about 20 MB of every process's memory. Measured on our queries, the baseline
// code alone is no slower (the hot path's statements do not go through Prisma at all, see db/statements.ts).
// Set before anything compiles WebAssembly, so this module is the first main.ts imports. With the flag V8 has no
// optimising compiler to fall back on, so a CPU its baseline compiler cannot serve (x64 without SSE4.1, from
// before 2008) would stop the process at start-up rather than run slowly; PGlite's WebAssembly (the embedded
// database) runs on the baseline code too, measured no slower.
setFlagsFromString('--liftoff-only');
