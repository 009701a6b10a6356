import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

// Web and worker run apart, as in a scaled deployment: the web process keeps answering Slack and the platform
// while the worker dies holding jobs (a delivery sent but not marked, a thread half posted).
const stage = useStage({ roles: ['web', 'worker'] });

it('finishes the jobs a SIGKILLed worker held, once each and in order, while the web process stays up', async () => {
  const outcome = await trafficThroughFault(stage(), {
    when: 'replies delivered',
    async strike() {
      await stage().killApps('worker');
      await stage().startApp('worker');
    },
  });
  expect(outcome.findings).toBe(NOTHING_WRONG);
});
