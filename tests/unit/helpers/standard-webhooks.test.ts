import { signPlatformRequest, verifyPlatformDelivery } from '../../helpers/standard-webhooks';

// Published known-answer vectors (standard-webhooks library tests), quoted in shared/vendor/SOURCES.md.
const VECTORS = [
  {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  },
  {
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    id: 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk',
    timestamp: 1649367553,
    body: '{"email":"test@example.com","username":"test_user"}',
    signature: 'v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=',
  },
];
const [V] = VECTORS as [(typeof VECTORS)[number]];
const TAMPERED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=';

function vectorHeaders(v: (typeof VECTORS)[number], signature = v.signature): Record<string, string> {
  return { 'webhook-id': v.id, 'webhook-timestamp': String(v.timestamp), 'webhook-signature': signature };
}

// The vectors are years old: pin the clock to their timestamp (plus an offset) so only the signature decides.
function atVectorTime(offsetSec = 0): void {
  jest.useFakeTimers({ now: (V.timestamp + offsetSec) * 1000 });
}

afterEach(() => jest.useRealTimers());

describe.each(VECTORS)('known-answer vector $id', (v) => {
  it('signs to the published signature', () => {
    expect(signPlatformRequest(v.secret, v.body, { id: v.id, timestamp: new Date(v.timestamp * 1000) })).toEqual(vectorHeaders(v));
  });

  it('verifies the published signature', () => {
    jest.useFakeTimers({ now: v.timestamp * 1000 });
    expect(verifyPlatformDelivery(v.secret, vectorHeaders(v), v.body)).toEqual({ ok: true });
  });
});

describe('verifyPlatformDelivery rejects and accepts per the spec', () => {
  beforeEach(() => atVectorTime());

  it('fails when the last character of the signature changes', () => {
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V, TAMPERED), V.body)).toEqual({ ok: false, reason: 'No matching signature found' });
  });

  it('fails when the body changes', () => {
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V), V.body.replace('2', '3')).ok).toBe(false);
  });

  it('skips signatures of unknown versions', () => {
    const v2Only = `v2,${V.signature.slice(3)}`;
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V, v2Only), V.body).ok).toBe(false);
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V, `${v2Only} ${V.signature}`), V.body)).toEqual({ ok: true });
  });

  it('passes when any of several space-separated v1 signatures matches (key rotation)', () => {
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V, `${TAMPERED} ${V.signature}`), V.body)).toEqual({ ok: true });
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V, `${TAMPERED} ${TAMPERED}`), V.body).ok).toBe(false);
  });

  it('accepts the secret with or without the whsec_ prefix', () => {
    const bare = V.secret.slice('whsec_'.length);
    expect(verifyPlatformDelivery(bare, vectorHeaders(V), V.body)).toEqual({ ok: true });
    expect(signPlatformRequest(bare, V.body, { id: V.id, timestamp: new Date(V.timestamp * 1000) })['webhook-signature']).toBe(V.signature);
  });

  it('accepts header names in any case (HTTP headers are case-insensitive)', () => {
    const upper = { 'Webhook-Id': V.id, 'Webhook-Timestamp': String(V.timestamp), 'Webhook-Signature': V.signature };
    expect(verifyPlatformDelivery(V.secret, upper, V.body)).toEqual({ ok: true });
  });

  it('fails when a header is missing', () => {
    const { 'webhook-id': _omitted, ...rest } = vectorHeaders(V);
    expect(verifyPlatformDelivery(V.secret, rest, V.body)).toEqual({ ok: false, reason: 'Missing required headers' });
  });
});

describe('timestamp tolerance (5 minutes)', () => {
  it.each([
    ['just under 5 minutes old', 299, true],
    ['more than 5 minutes old', 301, false],
    ['less than 5 minutes in the future (clock skew is tolerated)', -299, true],
    ['more than 5 minutes in the future', -301, false],
  ])('a delivery %s: verified=%s', (_label, ageSec, expected) => {
    atVectorTime(ageSec);
    expect(verifyPlatformDelivery(V.secret, vectorHeaders(V), V.body).ok).toBe(expected);
  });

  it('a freshly signed delivery verifies at the real current time', () => {
    const body = JSON.stringify({ type: 'message.created', text: 'hello' });
    const headers = signPlatformRequest(V.secret, body);
    expect(headers['webhook-id']).toMatch(/^msg_/);
    expect(verifyPlatformDelivery(V.secret, headers, body)).toEqual({ ok: true });
    expect(verifyPlatformDelivery(V.secret, headers, `${body} `).ok).toBe(false);
  });
});
