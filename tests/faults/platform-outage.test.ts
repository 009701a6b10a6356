import { setTimeout as sleep } from 'node:timers/promises';
import { NOTHING_WRONG, SCENARIO_TIMEOUT_MS, trafficThroughFault } from './helpers/scenario';
import { useStage } from './helpers/stage';

jest.setTimeout(SCENARIO_TIMEOUT_MS);

// First the platform's webhook answers 503, then nothing listens on its port; both within the app's retry
// budget (eight attempts from JOB_BACKOFF_MS=200 span about 25 s).
const UNAVAILABLE_MS = 5000;
const REFUSING_MS = 5000;
// Exponential back-off from 200 ms allows five attempts in five seconds; a sender in a tight loop makes hundreds.
const MAX_ATTEMPTS_WHILE_UNAVAILABLE = 8;

const stage = useStage();

it('backs off while the platform is down, then delivers every reply once and in order', async () => {
  let unavailable = { from: 0, to: 0 };
  const outcome = await trafficThroughFault(stage(), {
    when: 'replies delivered',
    async strike() {
      const { platform } = stage();
      unavailable = { from: Date.now(), to: Date.now() + UNAVAILABLE_MS };
      platform.respondFor(UNAVAILABLE_MS, 503, { error: 'maintenance' });
      await sleep(UNAVAILABLE_MS);
      await platform.refuseConnections();
      await sleep(REFUSING_MS);
      await platform.acceptConnections();
    },
  });
  const attempts = new Map<string, number>();
  for (const d of stage().platform.deliveries().filter((x) => x.at >= unavailable.from && x.at < unavailable.to)) {
    const id = String(d.headers['webhook-id']);
    attempts.set(id, (attempts.get(id) ?? 0) + 1);
  }
  const hammered = [...attempts].filter(([, n]) => n > MAX_ATTEMPTS_WHILE_UNAVAILABLE).map(([id, n]) => `${id}: ${n} attempts`);
  expect({ triedWhileUnavailable: attempts.size > 0, hammered, findings: outcome.findings })
    .toEqual({ triedWhileUnavailable: true, hammered: [], findings: NOTHING_WRONG });
});
