import type { ChannelType } from '../../../src/domain/conversation';
import {
  CHANNEL_TEXT_LIMITS,
  RELAY_MODES,
  checkDeliverable,
  classifyReply,
  describeDeliveryFailure,
  isInternalNote,
  isRetryableStatus,
} from '../../../src/domain/relay-policy';

const NOW = new Date('2026-03-01T12:00:00Z');
const MARKER = { mode: 'marker', sendMarker: '>>' } as const;

describe('classifyReply', () => {
  describe.each(RELAY_MODES)('in %s mode', (mode) => {
    it.each([
      'note: she was already refunded once, check with billing',
      'NOTE: escalate if she writes again',
      'Private: VIP, handle with care',
      '   note: indented',
      '\n\tprivate:no space after the colon',
      '*note:* bolded by habit',
      '_Note_: italic keyword',
    ])('keeps the internal note %j in the team', (text) => {
      expect(classifyReply(text, { mode, sendMarker: '>>' })).toEqual({ kind: 'note' });
    });

    it('keeps a note internal even when the marker follows the keyword', () => {
      expect(classifyReply('note: >> not for the customer', { mode, sendMarker: '>>' })).toEqual({ kind: 'note' });
    });
  });

  it('relays every other reply as typed in all mode', () => {
    const text = '  Hi Jane, your refund of $42 is on its way.\nAnything else?';
    expect(classifyReply(text, { mode: 'all', sendMarker: '>>' })).toEqual({ kind: 'relay', text });
  });

  it.each(['Please note: the refund takes 3 days', 'I left a NOTE: in your account', 'notes: are not notes', 'privately: ok'])(
    'relays %j, where the keyword is not a note prefix',
    (text) => {
      expect(classifyReply(text, { mode: 'all', sendMarker: '>>' })).toEqual({ kind: 'relay', text });
    },
  );

  it.each(['Hi Jane', '>> Hi Jane'])('relays nothing in alerts_only mode, not even %j', (text) => {
    expect(classifyReply(text, { mode: 'alerts_only', sendMarker: '>>' })).toEqual({ kind: 'not_relayed', why: 'alerts_only' });
  });

  it.each([
    ['>> Hi Jane', 'Hi Jane'],
    ['>>Hi Jane', 'Hi Jane'],
    ['   >>   Hi Jane', 'Hi Jane'],
    ['>>\n\nHi Jane,\nthanks', 'Hi Jane,\nthanks'],
    ['>> Prices went from >> to <<', 'Prices went from >> to <<'],
  ])('relays %j in marker mode as %j, without the marker', (text, relayed) => {
    expect(classifyReply(text, MARKER)).toEqual({ kind: 'relay', text: relayed });
  });

  it.each(['Hi Jane', 'Hi >> Jane', '> Hi Jane', ''])('holds back %j in marker mode', (text) => {
    expect(classifyReply(text, MARKER)).toEqual({ kind: 'not_relayed', why: 'no_marker' });
  });

  it('matches a word marker in any case, but only as a whole word', () => {
    const settings = { mode: 'marker', sendMarker: 'send' } as const;
    expect(classifyReply('SEND your order ships today', settings)).toEqual({ kind: 'relay', text: 'your order ships today' });
    expect(classifyReply('Sending the label to the warehouse now', settings)).toEqual({ kind: 'not_relayed', why: 'no_marker' });
  });

  it('takes a marker with regular-expression characters literally and ignores spaces around it in the setting', () => {
    const settings = { mode: 'marker', sendMarker: ' $.* ' } as const;
    expect(classifyReply('$.* Hi', settings)).toEqual({ kind: 'relay', text: 'Hi' });
    expect(classifyReply('$$$ Hi', settings)).toEqual({ kind: 'not_relayed', why: 'no_marker' });
  });
});

describe('isInternalNote', () => {
  it('spots the prefix only at the start', () => {
    expect(isInternalNote('private: call her back')).toBe(true);
    expect(isInternalNote('this is private: really')).toBe(false);
  });
});

describe('channel limits', () => {
  it('knows each platform limit, and that web, email and other set none', () => {
    expect(CHANNEL_TEXT_LIMITS).toEqual({ instagram: 1000, messenger: 2000, whatsapp: 4096, sms: 1600, web: null, email: null, other: null });
  });
});

describe('checkDeliverable', () => {
  const open = { replyWindowEndsAt: null, now: NOW };

  it.each([
    ['instagram', 1000],
    ['messenger', 2000],
    ['whatsapp', 4096],
    ['sms', 1600],
  ] as const)('accepts exactly the %s limit and refuses one character more', (channelType, limit) => {
    expect(checkDeliverable({ ...open, channelType, text: 'a'.repeat(limit) })).toEqual({ ok: true });
    expect(checkDeliverable({ ...open, channelType, text: 'a'.repeat(limit + 1) })).toEqual({
      ok: false,
      problem: 'too_long',
      limit,
      length: limit + 1,
    });
  });

  it('counts an emoji as one character, as the platforms do', () => {
    const thousandEmoji = '😀'.repeat(1000);
    expect(thousandEmoji.length).toBe(2000);
    expect(checkDeliverable({ ...open, channelType: 'instagram', text: thousandEmoji })).toEqual({ ok: true });
    expect(checkDeliverable({ ...open, channelType: 'instagram', text: `${thousandEmoji}!` })).toMatchObject({ problem: 'too_long', length: 1001 });
  });

  it.each(['web', 'email', 'other'] as ChannelType[])('lets any length through on %s', (channelType) => {
    expect(checkDeliverable({ ...open, channelType, text: 'a'.repeat(100_000) })).toEqual({ ok: true });
  });

  it('accepts a reply while the window is open', () => {
    const replyWindowEndsAt = new Date(NOW.getTime() + 60_000);
    expect(checkDeliverable({ text: 'Hi', channelType: 'instagram', replyWindowEndsAt, now: NOW })).toEqual({ ok: true });
  });

  it.each([
    ['at the moment it closes', 0],
    ['an hour after it closed', 3_600_000],
  ])('refuses a reply %s, saying when it closed', (_, msLate) => {
    const replyWindowEndsAt = new Date(NOW.getTime() - msLate);
    expect(checkDeliverable({ text: 'Hi', channelType: 'whatsapp', replyWindowEndsAt, now: NOW })).toEqual({
      ok: false,
      problem: 'window_closed',
      closedAt: replyWindowEndsAt,
    });
  });

  it('reports a closed window before a long reply, since shortening would not help', () => {
    const replyWindowEndsAt = new Date(NOW.getTime() - 1);
    expect(checkDeliverable({ text: 'a'.repeat(5000), channelType: 'instagram', replyWindowEndsAt, now: NOW })).toMatchObject({
      problem: 'window_closed',
    });
  });
});

describe('describeDeliveryFailure', () => {
  it.each([
    ['message_too_long', 'the message is too long for this channel'],
    ['reply_window_expired', "the customer's 24-hour reply window expired"],
    ['window_closed', "the customer's 24-hour reply window expired"],
    ['user_blocked', 'the customer blocked the account'],
    ['conversation_not_found', 'the conversation no longer exists on the platform (the customer may have deleted it)'],
  ])('explains the platform code %s in plain words', (error, words) => {
    expect(describeDeliveryFailure({ status: 400, body: { error, message: '(#10) This message is sent outside of allowed window.' } })).toBe(words);
  });

  it("uses the platform's own message for a code it does not know", () => {
    const body = { error: 'media_unsupported', message: 'Stickers cannot be sent to this channel' };
    expect(describeDeliveryFailure({ status: 422, body })).toBe('Stickers cannot be sent to this channel');
  });

  it('reads the response when it arrived as raw JSON text', () => {
    expect(describeDeliveryFailure({ status: 400, body: '{"error":"user_blocked","message":"blocked"}' })).toBe('the customer blocked the account');
  });

  it('falls back to the error code when there is no message', () => {
    expect(describeDeliveryFailure({ status: 400, body: { error: 'media_unsupported', message: '  ' } })).toBe('media_unsupported');
  });

  it('clips a long platform message to 300 characters without splitting an emoji', () => {
    const described = describeDeliveryFailure({ status: 400, body: { message: '😀'.repeat(400) } });
    expect(Array.from(described)).toHaveLength(300);
    expect(described.endsWith('😀…')).toBe(true);
  });

  it.each([
    [{ status: 400, body: 'Bad Request' }, 'the platform refused the message (HTTP 400)'],
    [{ status: 403, body: null }, 'the platform refused the message (HTTP 403)'],
    [{ status: 404, body: ['not', 'an', 'object'] }, 'the platform refused the message (HTTP 404)'],
    [{ status: 429 }, 'the platform is receiving too many messages right now (HTTP 429)'],
    [{ status: 503, body: { message: 'upstream down' } }, 'the platform had an error (HTTP 503)'],
    [{ status: 500 }, 'the platform had an error (HTTP 500)'],
    [{ timedOut: true }, 'the platform did not answer in time'],
    [{ networkError: 'ECONNREFUSED 10.0.0.7:443' }, 'could not reach the platform (ECONNREFUSED 10.0.0.7:443)'],
    [{}, 'the platform did not confirm delivery'],
  ])('describes %j as %j', (failure, words) => {
    expect(describeDeliveryFailure(failure)).toBe(words);
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [413, false],
    [422, false],
  ])('HTTP %i retries: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});
