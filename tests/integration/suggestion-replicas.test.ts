import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { repliesTo, replyTexts } from '../helpers/relayed';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { waitForSettled } from '../helpers/settle';
import { interactionBody } from '../helpers/slack-signing';
import { buttonPress, openConversation, waitUntil } from '../helpers/slack-user';

// Two web replicas and a worker, as in production: two agents press Send on the same suggestion at the same
// moment, each press reaching another replica. The customer gets it once.
let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond, replicas: { web: 2, workers: 1 } });

it("sends the AI's suggestion once when two agents press Send through two web replicas at the same moment", async () => {
  const [first, second] = h.webUrls;
  expect(second).toBeDefined();
  const c = await openConversation(h, { suggestedReply: 'Your parcel left the depot this morning.' });
  await waitUntil(async () => (await h.app.db.suggestion.count({ where: { conversationId: c.id } })) === 1);
  const { id } = await h.app.db.suggestion.findFirstOrThrow({ where: { conversationId: c.id } });

  const press = (userId: string, via: string | undefined) =>
    h.slackRequest(interactionBody(buttonPress({ actionId: 'suggestion_send', value: id, userId, rootTs: c.rootTs, responseUrl: respond.url })), { via });
  const answers = await Promise.all([press('U0CAROL', first), press('U0DAVE', second), press('U0DAVE', first), press('U0CAROL', second)]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);

  await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
  await waitForSettled(h);
  expect(replyTexts(repliesTo(h, c.externalId))).toEqual(['Your parcel left the depot this morning.']);
  expect(await h.app.db.message.count({ where: { conversationId: c.id, role: 'agent' } })).toBe(1);
  // Everyone whose press did not send it heard so.
  await respond.waitFor((a) => String((a as { text?: string }).text).includes('already sent'), 3);
});
