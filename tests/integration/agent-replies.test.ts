import { storeAgentReply, type AgentReplyRecord } from '../../src/db/repositories/agent-replies';
import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { waitForSettled } from '../helpers/settle';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
useHarness((started) => (h = started));

async function openConversation() {
  const body = alertBody();
  expect((await h.platformRequest('/api/v1/handoffs', body)).status).toBe(202);
  await waitForSettled(h);
  return h.app.db.conversation.findFirstOrThrow({ where: { externalId: body.conversationId as string } });
}

function reply(conversation: { id: string; version: number }, eventId: string, overrides: Partial<AgentReplyRecord> = {}): AgentReplyRecord {
  return {
    eventId,
    conversationId: conversation.id,
    conversationVersion: conversation.version,
    slackTs: `${Date.now() / 1000}`,
    authorId: 'U0AGENT1',
    text: 'Your refund is on its way.',
    files: [],
    at: new Date(),
    state: 'pending',
    error: null,
    feedback: { kind: 'delivered' },
    delivery: { notBefore: new Date() },
    ...overrides,
  };
}

describe('storing an agent reply in one statement', () => {
  it('writes the receipt, the message, its feedback and its delivery together', async () => {
    const conversation = await openConversation();
    const stored = await storeAgentReply(h.app.db, reply(conversation, 'EvOneStatement1'));
    expect(stored).toMatchObject({ moved: false, claimed: true });
    const message = await h.app.db.message.findFirstOrThrow({ where: { conversationId: conversation.id, role: 'agent' }, include: { deliveries: true, feedback: true } });
    expect(message).toMatchObject({ text: 'Your refund is on its way.', relayState: 'pending', authorId: 'U0AGENT1' });
    expect(message.deliveries.map((d) => [d.id, d.type, d.state])).toEqual([[(stored as { deliveryId: string }).deliveryId, 'agent.message', 'pending']]);
    expect(message.feedback.map((f) => [f.id, f.kind])).toEqual([[(stored as { feedbackId: string }).feedbackId, 'delivered']]);
    expect((await h.app.db.slackInbox.findUniqueOrThrow({ where: { key: 'EvOneStatement1' } })).processedAt).not.toBeNull();
  });

  it('writes nothing for an event handled before', async () => {
    const conversation = await openConversation();
    await storeAgentReply(h.app.db, reply(conversation, 'EvOneStatement2', { slackTs: '1700000001.000100' }));
    const again = await storeAgentReply(h.app.db, reply(conversation, 'EvOneStatement2', { slackTs: '1700000002.000100' }));
    expect(again).toEqual({ moved: false, claimed: false });
    expect(await h.app.db.message.count({ where: { conversationId: conversation.id, role: 'agent' } })).toBe(1);
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: conversation.id, type: 'agent.message' } })).toBe(1);
  });

  it('writes nothing, not even the receipt, when the conversation moved since the reply was judged', async () => {
    const conversation = await openConversation();
    const stale = { ...conversation, version: conversation.version - 1 };
    expect(await storeAgentReply(h.app.db, reply(stale, 'EvOneStatement3'))).toEqual({ moved: true });
    expect(await h.app.db.message.count({ where: { conversationId: conversation.id, role: 'agent' } })).toBe(0);
    expect(await h.app.db.outboundDelivery.count({ where: { conversationId: conversation.id, type: 'agent.message' } })).toBe(0);
    expect(await h.app.db.slackInbox.findUnique({ where: { key: 'EvOneStatement3' } })).toBeNull();
  });

  it('keeps a note without a delivery or feedback', async () => {
    const conversation = await openConversation();
    const stored = await storeAgentReply(h.app.db, reply(conversation, 'EvOneStatement4', { state: 'internal', feedback: undefined, delivery: undefined }));
    expect(stored).toEqual({ moved: false, claimed: true });
    const message = await h.app.db.message.findFirstOrThrow({ where: { conversationId: conversation.id, role: 'agent' }, include: { deliveries: true, feedback: true } });
    expect(message).toMatchObject({ relayState: 'internal', deliveries: [], feedback: [] });
  });
});
