import { startHarness, type Harness } from '../helpers/harness';
import { listedBy } from '../helpers/command-lists';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, typeCommand } from '../helpers/slack-user';

// Two web replicas and a worker, as in production: whichever replica Slack's request reaches, /handoff
// answers from PostgreSQL, never from what one process remembers.
let h: Harness;
const respond = new ResponseUrlStandIn();

beforeAll(async () => {
  await respond.start();
  h = await startHarness({}, { replicas: { web: 2, workers: 1 } });
});
afterAll(async () => {
  await h?.stop();
  await respond.stop();
});

it('goes online through one web replica and is online through the other, which lists the same queue', async () => {
  const [first, second] = h.webUrls;
  expect(second).toBeDefined();
  const c = await openConversation(h);
  await typeCommand(h, { userId: 'U0ALICE', text: 'online', responseUrl: respond.url, via: first });
  const status = await typeCommand(h, { userId: 'U0ALICE', text: 'status', responseUrl: respond.url, via: second });
  expect(status.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^:large_green_circle: You are online since/) });
  for (const via of [first, second]) {
    const { rows } = await listedBy(h, respond, { userId: 'U0ALICE', text: 'queue', via });
    expect(rows.map((r) => r.name)).toEqual([c.customerName]);
  }
  expect(h.slack.problems()).toEqual([]);
});
