import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

// An immediate stop, as in a crash or a failover, and a few seconds before the server is back.
const POSTGRES_DOWN_MS = 3000;

const stage = useStage();

it('refuses what it cannot store while PostgreSQL restarts, recovers by itself, and loses nothing', async () => {
  const outcome = await trafficThroughFault(stage(), { strike: () => stage().pg.restart({ downMs: POSTGRES_DOWN_MS }) });
  // Requests that could not be stored got a 5xx or no answer in time, and were resent.
  const refusedWhileDown = Object.keys(outcome.failedAttempts).some((k) => /^HTTP 5|timeout/.test(k));
  expect({ refusedWhileDown, findings: outcome.findings }).toEqual({ refusedWhileDown: true, findings: NOTHING_WRONG });
});
