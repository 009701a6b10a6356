import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { messageProblems } from '../helpers/block-kit';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, pressButton, sendEvent, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { ACTIONS } from '../../src/slack/ids';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

// An agent's reply in the alert's thread, written `seconds` after the alert arrived (Slack's ts says when).
async function replyAfter(c: OpenConversation, userId: string, seconds: number): Promise<void> {
  const alert = await h.app.db.alert.findFirstOrThrow({ where: { conversationId: c.id } });
  const ts = ((alert.receivedAt.getTime() + seconds * 1000) / 1000).toFixed(6);
  await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: userId, text: 'On it.', ts, thread_ts: c.rootTs });
  await waitUntil(async () => (await h.app.db.message.count({ where: { conversationId: c.id, slackTs: ts, relayState: 'delivered' } })) === 1);
}

async function stats(text: string): Promise<{ text: string; shown: string }> {
  const res = await typeCommand(h, { userId: 'U0LEAD', text, responseUrl: respond.url });
  expect(res).toEqual({ status: 200, body: null });
  const [answer] = await respond.waitFor();
  respond.reset();
  expect(answer).toMatchObject({ response_type: 'ephemeral' });
  expect(messageProblems(answer!)).toEqual([]);
  return { text: String(answer!.text), shown: JSON.stringify(answer!.blocks) };
}

describe('/handoff stats', () => {
  it('has nothing to report before the first alert', async () => {
    const { text, shown } = await stats('stats');
    expect(text).toBe('Handoff stats for today (UTC): 0 alerts, 0 open now');
    expect(shown).toContain('*First reply to the customer*\\nnone yet');
    expect(shown).toContain('No agent replied to a customer in this period.');
  });

  it('counts alerts by reason, times first replies and closes, and what each agent handled', async () => {
    const a = await openConversation(h, { reason: 'frustration' });
    const b = await openConversation(h, { reason: 'frustration' });
    const c = await openConversation(h, { reason: 'human_request' });
    await replyAfter(a, 'U0ALICE', 60);
    await replyAfter(b, 'U0ALICE', 120);
    await replyAfter(c, 'U0BOB', 600);
    await pressButton(h, { actionId: ACTIONS.close, value: c.id, userId: 'U0BOB', rootTs: c.rootTs, responseUrl: respond.url });
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { id: c.id, status: 'closed' } })) === 1);
    respond.reset();

    for (const period of ['today', 'week']) {
      const { text, shown } = await stats(`stats ${period}`);
      expect(text).toMatch(/: 3 alerts, 2 open now$/);
      expect(shown).toContain('*Alerts:* 3 (frustration 2 · human request 1)');
      // percentile_cont over 60, 120 and 600 seconds: the median is 120, the 90th percentile 120 + 0.8 × 480.
      expect(shown).toContain('*First reply to the customer*\\nmedian 2m 0s · p90 8m 24s');
      expect(shown).toMatch(/\*Closed\*\\nmedian \d+s · p90 \d+s/);
      expect(shown).toContain('*Open now*\\n2');
      expect(shown).toContain('*Agents*\\n<@U0ALICE>: 2 handled, first reply in 1m 30s (median)\\n<@U0BOB>: 1 handled, first reply in 10m 0s (median)');
    }
  });

  it('answers a period it does not know with the help', async () => {
    const res = await typeCommand(h, { userId: 'U0LEAD', text: 'stats month', responseUrl: respond.url });
    expect(JSON.stringify(res.body)).toContain('Stats are for \\"today\\" or \\"week\\", not \\"month\\".');
  });
});
