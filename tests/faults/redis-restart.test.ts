import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

// Long enough for the app's producers to fail (they give up at once) and its workers to reconnect.
const REDIS_DOWN_MS = 2000;

const stage = useStage();

it('rebuilds the lost queues from PostgreSQL when Redis restarts empty, so nothing is lost or sent twice', async () => {
  const outcome = await trafficThroughFault(stage(), { strike: () => stage().redis.restart({ downMs: REDIS_DOWN_MS }) });
  expect(outcome.findings).toBe(NOTHING_WRONG);
});
