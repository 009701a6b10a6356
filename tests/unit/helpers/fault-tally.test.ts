import { isComplete, tally, type Expected, type ReplyDelivery, type SlackPost } from '../../faults/helpers/tally';

const CHANNEL = 'C0ALERTS';

const expected: Expected = {
  replies: [
    { conversationId: 'c1', text: 'r1' },
    { conversationId: 'c1', text: 'r2' },
    { conversationId: 'c1', text: 'r3' },
    { conversationId: 'c2', text: 's1' },
  ],
  customerMessages: [
    { threadTs: '1.1', text: 'm0001' },
    { threadTs: '1.1', text: 'm0002' },
  ],
  alerts: ['Alert a0001', 'Alert a0002', 'Alert a0003'],
};

const delivery = (webhookId: string, conversationId: string, text: string, messageId = `id-${text}`): ReplyDelivery => ({ webhookId, conversationId, messageId, text });
const post = (text: string, extra: Partial<SlackPost> = {}): SlackPost => ({ channel: CHANNEL, text, posted: true, ...extra });

describe('counting agent replies at the platform', () => {
  it('counts a webhook-id delivered twice once, and names a reply sent under two webhook-ids', () => {
    const t = tally(expected, [], [
      delivery('w1', 'c1', 'r1'), delivery('w1', 'c1', 'r1'),
      delivery('w2', 'c1', 'r2'), delivery('w3', 'c1', 'r2', 'id-r2'),
      delivery('w4', 'c1', 'r3'), delivery('w5', 'c2', 's1'),
    ], CHANNEL);
    expect(t.replies).toMatchObject({ delivered: 4, lost: [], outOfOrder: [], duplicated: [{ text: 'r2', webhookIds: ['w2', 'w3'] }] });
    expect(isComplete(t)).toBe(false);
  });

  it('names the reply that overtook an earlier one, and does not count a lost reply as out of order', () => {
    const t = tally(expected, [], [delivery('w1', 'c1', 'r2'), delivery('w2', 'c1', 'r1'), delivery('w3', 'c2', 's1')], CHANNEL);
    expect(t.replies.outOfOrder).toEqual([{ conversationId: 'c1', expected: 'r1', arrived: 'r2' }]);
    expect(t.replies.lost).toEqual(['r3']);
    const inOrder = tally(expected, [], [delivery('w1', 'c1', 'r1'), delivery('w3', 'c1', 'r3')], CHANNEL);
    expect(inOrder.replies).toMatchObject({ outOfOrder: [], lost: ['r2', 's1'] });
  });

  it('names the same stored message sent under two webhook-ids with different texts', () => {
    const t = tally(expected, [], [delivery('w1', 'c1', 'r1', 'm1'), delivery('w2', 'c1', 'r1 edited', 'm1')], CHANNEL);
    expect(t.replies.duplicated).toEqual([{ text: 'r1 (message m1)', webhookIds: ['w1', 'w2'] }]);
    expect(t.replies.unexpected).toEqual(['r1 edited']);
  });
});

describe('counting Slack posts', () => {
  it('counts a customer message only when Slack took it, in its own thread', () => {
    const t = tally(expected, [
      post('m0001', { threadTs: '1.1', posted: false }),
      post('m0001', { threadTs: '1.1' }),
      post('m0002', { threadTs: '9.9' }),
    ], [], CHANNEL);
    expect(t.customerMessages).toEqual({ posted: 1, lost: ['m0002'], duplicated: [] });
  });

  it('names a customer message posted twice', () => {
    const t = tally(expected, [post('m0001', { threadTs: '1.1' }), post('m0001', { threadTs: '1.1' })], [], CHANNEL);
    expect(t.customerMessages.duplicated).toEqual([{ text: 'm0001', times: 2 }]);
  });

  it('wants exactly one alert message per alert, in the alerts channel and outside any thread', () => {
    const t = tally(expected, [
      post('Handoff: Alert a0001 is waiting'),
      post('Handoff: Alert a0002 is waiting'), post('Handoff: Alert a0002 is waiting'),
      post('Handoff: Alert a0003 is waiting', { threadTs: '1.1' }),
      post('Handoff: Alert a0003 is waiting', { channel: 'C0OTHER' }),
    ], [], CHANNEL);
    expect(t.alerts).toEqual({ threaded: 1, missing: ['Alert a0003'], several: [{ name: 'Alert a0002', times: 2 }] });
  });
});
