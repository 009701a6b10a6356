import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { waitForSettled } from '../helpers/settle';
import { useHarness } from '../helpers/use-harness';
import { BOT_USER_ID } from '../helpers/slack-stand-in';
import { nextMessageTs, openConversation, sendEvent, waitUntil } from '../helpers/slack-user';

const SALES = 'C0SALES';
const SALES_ON_CALL = 'S0SALESONCALL';
const RULES = [{ when: { reason: 'high_value', priority: ['high', 'urgent'] }, channel: SALES, mention: SALES_ON_CALL }];

let h: Harness;
useHarness((started) => (h = started), { env: { ROUTING_RULES: JSON.stringify(RULES), RELAY_GRACE_SECONDS: '0' } });

const rootOf = (channel: string, customerName: string) =>
  h.slack.calls().find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts && String(c.args.text).includes(customerName));

describe('routing rules', () => {
  it('posts an alert matching a rule in its channel, calling its user group, and relays a reply from that thread', async () => {
    const sale = await openConversation(h, { reason: 'high_value', priority: 'urgent' }, SALES);
    expect(JSON.stringify(rootOf(SALES, sale.customerName)!.args.blocks)).toContain(`Waiting for an agent · <!subteam^${SALES_ON_CALL}>`);
    // The transcript and the intro follow the alert into its thread there.
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === SALES && c.args.thread_ts === sale.rootTs);

    await sendEvent(h, { type: 'message', channel: SALES, channel_type: 'channel', user: 'U0AGENT1', text: 'I can offer you the annual plan at a discount.', ts: nextMessageTs(), thread_ts: sale.rootTs });
    const [reply] = await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === sale.externalId);
    expect(reply!.body).toMatchObject({ data: { text: 'I can offer you the annual plan at a discount.', agent: { id: 'U0AGENT1' } } });
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: sale.id } })).toMatchObject({ slackChannelId: SALES, status: 'human', assigneeId: 'U0AGENT1' });
  });

  it('takes a routed conversation over with the emoji shortcut on its alert there', async () => {
    const sale = await openConversation(h, { reason: 'high_value', priority: 'high' }, SALES);
    const reaction = { type: 'reaction_added', user: 'U0AGENT2', reaction: 'eyes', item: { type: 'message', channel: SALES, ts: sale.rootTs }, item_user: BOT_USER_ID };
    await sendEvent(h, { ...reaction, event_ts: `${Math.floor(Date.now() / 1000)}.000100` });
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { id: sale.id, status: 'human', assigneeId: 'U0AGENT2' } })) === 1);
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.channel === SALES && c.args.ts === sale.rootTs && JSON.stringify(c.args.blocks).includes('Taken by <@U0AGENT2>'));
  });

  it('posts the alert in the alerts channel instead when Handoff was not invited to the rule\'s channel', async () => {
    // Nothing of the earlier tests may take the refusal meant for this alert.
    await waitForSettled(h);
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const body = { reason: 'high_value', priority: 'urgent' };
    const sale = await openConversation(h, body, ALERTS_CHANNEL);
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: sale.id } })).toMatchObject({ slackChannelId: ALERTS_CHANNEL, slackThreadTs: sale.rootTs });
    expect(h.slack.calls('chat.postMessage').filter((c) => c.args.channel === SALES && !c.args.thread_ts).map((c) => c.response.error)).toEqual(['not_in_channel']);
  });

  it('keeps an alert no rule matches in the alerts channel, calling nobody', async () => {
    const complaint = await openConversation(h, { reason: 'high_value', priority: 'normal' });
    expect(JSON.stringify(rootOf(ALERTS_CHANNEL, complaint.customerName)!.args.blocks)).not.toContain('subteam');
    expect(rootOf(SALES, complaint.customerName)).toBeUndefined();
  });
});
