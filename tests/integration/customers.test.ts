import { randomUUID } from 'node:crypto';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, waitUntil, type OpenConversation } from '../helpers/slack-user';
import type { SlackCall } from '../helpers/slack-stand-in';
import { alertBody } from '../helpers/alerts';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const newCustomerId = () => `cus_${randomUUID().slice(0, 8)}`;

const rootPost = (c: { customerName: string }) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && !call.args.thread_ts && String(call.args.text).includes(c.customerName);

// An alert whose customer is exactly as given (openConversation fills in every detail).
async function alertFrom(customer: Record<string, string>): Promise<OpenConversation> {
  const body = alertBody({ customer, transcript: [] });
  await h.platformRequest('/api/v1/handoffs', body);
  const [root] = await h.slack.waitFor(rootPost({ customerName: customer.name! }));
  const rootTs = (root!.response as { ts: string }).ts;
  const where = { externalId: body.conversationId as string, slackThreadTs: rootTs };
  await waitUntil(async () => (await h.app.db.conversation.count({ where })) === 1);
  const row = await h.app.db.conversation.findFirstOrThrow({ where });
  return { id: row.id, externalId: row.externalId, rootTs, customerName: customer.name! };
}

async function recordOf(c: OpenConversation) {
  const row = await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id }, include: { customerRecord: true } });
  return row.customerRecord;
}

describe('customer records', () => {
  it('links two conversations of one customer to one record, and the second root tells of the first', async () => {
    const customerId = newCustomerId();
    const first = await alertFrom({ id: customerId, name: 'Mia Wong', phone: '+4412345' });
    const second = await alertFrom({ id: customerId, name: 'Mia Wong-Li', email: 'mia@example.com' });

    const [one, two] = [await recordOf(first), await recordOf(second)];
    expect(one!.id).toBe(two!.id);
    expect(two).toMatchObject({ externalId: customerId, name: 'Mia Wong-Li', email: 'mia@example.com', phone: '+4412345' });
    expect(two!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(two!.firstSeenAt.getTime());

    const [root] = await h.slack.waitFor(rootPost({ customerName: 'Mia Wong-Li' }));
    expect(JSON.stringify(root!.args.blocks)).toContain('1 earlier conversation, last on');
    const [firstRoot] = await h.slack.waitFor(rootPost({ customerName: 'Mia Wong' }));
    expect(JSON.stringify(firstRoot!.args.blocks)).toContain('First conversation');
  });

  it('updates the record from a later alert of the same conversation, and links one that first came without an id', async () => {
    const body = alertBody({ customer: { name: 'No Id Yet' } });
    await h.platformRequest('/api/v1/handoffs', body);
    await h.slack.waitFor(rootPost({ customerName: 'No Id Yet' }));
    const unlinked = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string } });
    expect(unlinked.customerId).toBeNull();

    const customerId = newCustomerId();
    await h.platformRequest('/api/v1/handoffs', { ...body, customer: { id: customerId, name: 'Now Known', avatarUrl: 'https://cdn.example.com/k.png' } });
    const linked = await h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string }, include: { customerRecord: true } });
    expect(linked.customerRecord).toMatchObject({ externalId: customerId, name: 'Now Known', avatarUrl: 'https://cdn.example.com/k.png' });
    await h.slack.waitFor((call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Now Known'));
  });

  it('makes no record for an alert without the customer id, and shows no Customer button', async () => {
    const body = alertBody({ customer: { name: 'Anonymous Ann' } });
    await h.platformRequest('/api/v1/handoffs', body);
    const [root] = await h.slack.waitFor(rootPost({ customerName: 'Anonymous Ann' }));
    expect(JSON.stringify(root!.args.blocks)).not.toContain('conversation_customer');
  });
});
