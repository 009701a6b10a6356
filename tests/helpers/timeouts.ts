// How long a test waits for something asynchronous before failing. A wait that succeeds returns at once, so
// this only matters on a slow run: the full suite on two cores shares them with start-up tests spawning apps.
export const WAIT_MS = 15_000;
