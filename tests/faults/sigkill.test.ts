import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

const stage = useStage();

it('relays every agent reply once and in order, and posts every message and alert once, across a SIGKILL of the app', async () => {
  const outcome = await trafficThroughFault(stage(), {
    async strike() {
      await stage().killApps();
      await stage().startApp();
    },
  });
  // Requests sent while no process listened were refused, then resent to the new one.
  expect({ refusedWhileDown: (outcome.failedAttempts.refused ?? 0) > 0, findings: outcome.findings })
    .toEqual({ refusedWhileDown: true, findings: NOTHING_WRONG });
});
