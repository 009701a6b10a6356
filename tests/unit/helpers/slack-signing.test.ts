import { commandBody, eventBody, interactionBody, signedSlackHeaders, signSlackRequest } from '../../helpers/slack-signing';

// Slack's documented known-answer vector ("Verifying requests from Slack"), quoted in shared/vendor/SOURCES.md.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
  '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('signSlackRequest', () => {
  it("reproduces Slack's documented signature", () => {
    expect(signSlackRequest(SECRET, BODY, TIMESTAMP)).toEqual({
      'x-slack-signature': SIGNATURE,
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('gives a different signature for a changed body, timestamp or secret', () => {
    expect(signSlackRequest(SECRET, BODY.replace('foobar', 'foobaz'), TIMESTAMP)['x-slack-signature']).not.toBe(SIGNATURE);
    expect(signSlackRequest(SECRET, BODY, TIMESTAMP + 1)['x-slack-signature']).not.toBe(SIGNATURE);
    expect(signSlackRequest(`${SECRET}x`, BODY, TIMESTAMP)['x-slack-signature']).not.toBe(SIGNATURE);
  });

  it('defaults the timestamp to now, in whole seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const ts = Number(signSlackRequest(SECRET, BODY)['x-slack-request-timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });
});

describe('request body builders', () => {
  it('commandBody encodes the documented slash command byte for byte', () => {
    const fields = Object.fromEntries(new URLSearchParams(BODY));
    const built = commandBody(fields);
    expect(built).toEqual({ body: BODY, contentType: 'application/x-www-form-urlencoded' });
    expect(signedSlackHeaders(SECRET, built, TIMESTAMP)).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-signature': SIGNATURE,
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('interactionBody sends the payload as one url-encoded JSON form field', () => {
    const payload = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim', value: 'a&b=c d' }] };
    const built = interactionBody(payload);
    expect(built.contentType).toBe('application/x-www-form-urlencoded');
    expect(built.body.startsWith('payload=%7B%22type%22%3A%22block_actions%22')).toBe(true);
    const decoded = new URLSearchParams(built.body);
    expect([...decoded.keys()]).toEqual(['payload']);
    expect(JSON.parse(decoded.get('payload') ?? '')).toEqual(payload);
  });

  it('eventBody sends the envelope as compact JSON', () => {
    const envelope = { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', text: 'hi' } };
    expect(eventBody(envelope)).toEqual({ body: JSON.stringify(envelope), contentType: 'application/json' });
    expect(eventBody(envelope).body).not.toContain(' ');
  });
});
