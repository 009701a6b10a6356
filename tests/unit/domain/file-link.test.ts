import { checkFileLink, fileLinkKey, fileLinkUrl, withFileLinks } from '../../../src/domain/file-link';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = fileLinkKey(SECRET);
const SETTINGS = { key: KEY, publicUrl: 'https://handoff.example.com', ttlSeconds: 3600 };
const WORKSPACE = '6f1c2a0e-2b1d-4c55-9a77-0d6f3c1e9b21';
const SENT_AT = new Date('2026-03-01T12:00:00Z');
const EXPIRES = SENT_AT.getTime() / 1000 + 3600;

// What the route reads back from a link it was sent: the file id from the path, expires and sig from the query.
function presented(url: string) {
  const u = new URL(url);
  return {
    fileId: decodeURIComponent(u.pathname.split('/').pop()!),
    expires: u.searchParams.get('expires') ?? undefined,
    sig: u.searchParams.get('sig') ?? undefined,
  };
}

const link = fileLinkUrl(SETTINGS, WORKSPACE, 'F0RECEIPT', SENT_AT);
const genuine = { workspaceId: WORKSPACE, ...presented(link) };

describe('fileLinkUrl', () => {
  it('links to the file on Handoff, expiring the configured time after it is sent', () => {
    expect(link).toMatch(new RegExp(`^https://handoff\\.example\\.com/api/v1/files/F0RECEIPT\\?workspace=${WORKSPACE}&expires=${EXPIRES}&sig=[0-9a-f]{64}$`));
  });

  it('encodes a file id that is not URL-safe, and the route reads the same id back', () => {
    const odd = fileLinkUrl(SETTINGS, WORKSPACE, 'F/1 ?', SENT_AT);
    expect(odd).toContain(`/api/v1/files/F%2F1%20%3F?workspace=${WORKSPACE}&expires=`);
    expect(checkFileLink(KEY, { workspaceId: WORKSPACE, ...presented(odd) }, SENT_AT)).toEqual({ ok: true });
  });
});

describe('checkFileLink', () => {
  it('accepts the link it signed until the moment it expires', () => {
    expect(checkFileLink(KEY, genuine, SENT_AT)).toEqual({ ok: true });
    expect(checkFileLink(KEY, genuine, new Date((EXPIRES - 1) * 1000))).toEqual({ ok: true });
    expect(checkFileLink(KEY, genuine, new Date(EXPIRES * 1000))).toEqual({ ok: false, problem: 'expired' });
  });

  it.each([
    ['a changed signature', { sig: `${genuine.sig!.slice(0, -1)}${genuine.sig!.endsWith('0') ? '1' : '0'}` }],
    ['a later expiry', { expires: String(EXPIRES + 86_400) }],
    ['another file', { fileId: 'F0OTHER' }],
    ['another workspace', { workspaceId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s as a bad signature', (_label, change) => {
    expect(checkFileLink(KEY, { ...genuine, ...change }, SENT_AT)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('refuses a link signed with another secret', () => {
    const otherKey = fileLinkKey('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD');
    expect(checkFileLink(otherKey, genuine, SENT_AT)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('calls a tampered link a bad signature even once the genuine one has expired', () => {
    const late = new Date((EXPIRES + 10) * 1000);
    expect(checkFileLink(KEY, { ...genuine, sig: 'a'.repeat(64) }, late)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it.each([
    ['no expires', { expires: undefined }],
    ['no sig', { sig: undefined }],
    ['an expires that is not a number', { expires: 'tomorrow' }],
    ['a short sig', { sig: genuine.sig!.slice(2) }],
    ['a sig that is not hex', { sig: 'z'.repeat(64) }],
  ])('refuses a link with %s as malformed', (_label, change) => {
    expect(checkFileLink(KEY, { ...genuine, ...change }, SENT_AT)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('fileLinkKey', () => {
  it('is derived from the signing secret, not the secret itself', () => {
    const secretBytes = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    expect(KEY).toHaveLength(32);
    expect(KEY.equals(fileLinkKey(SECRET))).toBe(true);
    expect(KEY.equals(secretBytes)).toBe(false);
    expect(KEY.equals(fileLinkKey('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'))).toBe(false);
  });
});

describe('withFileLinks', () => {
  it('adds a link to each shared file and keeps what the platform already got', () => {
    const files = [
      { id: 'F0RECEIPT', name: 'receipt.pdf', mimeType: 'application/pdf', size: 20480 },
      { id: 'F0PHOTO', name: 'photo.png' },
    ];
    const linked = withFileLinks(files, SETTINGS, WORKSPACE, SENT_AT);
    expect(linked).toEqual([
      { ...files[0], url: link },
      { ...files[1], url: fileLinkUrl(SETTINGS, WORKSPACE, 'F0PHOTO', SENT_AT) },
    ]);
    expect(linked[0]!.url).not.toBe(linked[1]!.url);
    expect(withFileLinks([], SETTINGS, WORKSPACE, SENT_AT)).toEqual([]);
  });
});
