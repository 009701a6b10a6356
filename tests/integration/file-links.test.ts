import { fileLinkKey, fileLinkUrl } from '../../src/domain/file-link';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { TEAM_ID, type SlackFile } from '../helpers/slack-stand-in';
import { nextMessageTs, openThread, sendEvent } from '../helpers/slack-user';

function sendSlackEvent(h: Harness, event: Record<string, unknown>): Promise<string> {
  return sendEvent(h, { channel: ALERTS_CHANNEL, channel_type: 'channel', ...event });
}

let h: Harness;

useHarness((started) => (h = started), { env: { RELAY_GRACE_SECONDS: '0' } });

type File = Pick<SlackFile, 'id' | 'name' | 'mimetype' | 'size'>;
interface Attachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

const RECEIPT: File = { id: 'F0RECEIPT', name: 'Reçu "mars" – 2026.pdf', mimetype: 'application/pdf', size: 5000 };

const bodyOf = (d: { body: unknown }) => d.body as { type: string; conversationId: string; data: { text: string; attachments: Attachment[] } };
const eventsOf = (id: string, type: string) => (d: { body: unknown }) => bodyOf(d).type === type && bodyOf(d).conversationId === id;

// An agent's reply in a thread, as Slack sends it: a file_share message carrying its files.
function fileShare(threadTs: string, text: string, files: File[]) {
  const ts = nextMessageTs();
  const event = {
    type: 'message', subtype: 'file_share', user: 'U0AGENT1', text, ts, thread_ts: threadTs, upload: true,
    files: files.map((f) => ({ ...f, url_private: `https://files.slack.com/files-pri/${TEAM_ID}-${f.id}/${f.name}` })),
  };
  return { ts, send: () => sendSlackEvent(h, event) };
}

// Shares `file` in a new conversation's thread and returns what the platform was sent.
async function shareFile(file: File) {
  h.slack.setFile(file.id, { name: file.name, mimetype: file.mimetype, size: file.size });
  const { id, threadTs } = await openThread(h);
  const reply = fileShare(threadTs, 'Here is your receipt', [file]);
  await reply.send();
  const [delivery] = await h.platform.waitFor(eventsOf(id, 'agent.message'));
  return { id, threadTs, ts: reply.ts, attachments: bodyOf(delivery!).data.attachments };
}

// PUBLIC_URL is not where this test's Handoff listens, so the link's path and query are sent to it directly.
function follow(url: string): Promise<Response> {
  const link = new URL(url);
  return fetch(`${h.baseUrl}${link.pathname}${link.search}`);
}

// A link Handoff itself would sign, for any file and time.
function signedLink(fileId: string, sentAt = new Date()): string {
  const settings = { key: fileLinkKey(h.config.platform.signingSecret), publicUrl: h.config.publicUrl, ttlSeconds: h.config.fileLinks.ttlSeconds };
  return fileLinkUrl(settings, h.app.tenancy!.workspaceId, fileId, sentAt);
}

async function refusal(res: Response): Promise<{ status: number; error: string; message: string }> {
  const body = (await res.json()) as { error: string; message: string };
  return { status: res.status, ...body };
}

describe('files an agent shares in a thread', () => {
  it('reach the platform with a signed link that serves the bytes from Slack, fetched with the bot token', async () => {
    const sentAt = Math.floor(Date.now() / 1000);
    const { attachments } = await shareFile(RECEIPT);

    expect(attachments).toEqual([{ id: RECEIPT.id, name: RECEIPT.name, mimeType: 'application/pdf', size: 5000, url: expect.any(String) }]);
    const url = attachments[0]!.url;
    expect(url).toMatch(new RegExp(`^${h.config.publicUrl}/api/v1/files/F0RECEIPT\\?workspace=${h.app.tenancy!.workspaceId}&expires=\\d+&sig=[0-9a-f]{64}$`));
    const expires = Number(new URL(url).searchParams.get('expires'));
    expect(expires - sentAt).toBeGreaterThanOrEqual(7 * 24 * 3600);
    expect(expires - sentAt).toBeLessThan(7 * 24 * 3600 + 60);

    const res = await follow(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('5000');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Quotes and non-ASCII characters never reach the header raw: an ASCII fallback, then the exact UTF-8 name.
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Re?u \\"mars\\" ? 2026.pdf"; filename*=UTF-8''Re%C3%A7u%20%22mars%22%20%E2%80%93%202026.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(h.slack.fileContent(RECEIPT.id))).toBe(true);
    expect(h.slack.fileDownloads()).toEqual([{ fileId: RECEIPT.id, token: 'xoxb-test-token', status: 200 }]);
  });

  it('are never linked nor served from a note', async () => {
    const { id, threadTs } = await openThread(h);
    const note = fileShare(threadTs, 'note: the customer sent this to billing too', [{ ...RECEIPT, id: 'F0NOTE' }]);
    await note.send();
    await fileShare(threadTs, 'Thanks for waiting!', []).send();
    await h.platform.waitFor(eventsOf(id, 'agent.message'));

    expect(h.platform.deliveries().filter(eventsOf(id, 'agent.message')).map((d) => bodyOf(d).data)).toEqual([
      expect.objectContaining({ text: 'Thanks for waiting!', attachments: [] }),
    ]);
    const stored = await h.app.db.message.findFirstOrThrow({ where: { slackTs: note.ts } });
    expect(stored).toMatchObject({ relayState: 'internal', attachments: [expect.objectContaining({ id: 'F0NOTE' })] });
    expect(await refusal(await follow(signedLink('F0NOTE')))).toMatchObject({ status: 404, error: 'file_not_found' });
    expect(h.slack.fileDownloads()).toEqual([]);
  });

  it('are linked again in the edit the platform is sent', async () => {
    const { id, threadTs, ts } = await shareFile({ ...RECEIPT, id: 'F0EDITED' });
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === ts);

    const edited = { type: 'message', user: 'U0AGENT1', text: 'Here is your corrected receipt', ts, thread_ts: threadTs };
    await sendSlackEvent(h, { type: 'message', subtype: 'message_changed', message: edited, previous_message: { ...edited, text: 'Here is your receipt' }, ts: nextMessageTs() });
    const [updated] = await h.platform.waitFor(eventsOf(id, 'agent.message_updated'));

    const { text, attachments } = bodyOf(updated!).data;
    expect(text).toBe('Here is your corrected receipt');
    expect(attachments).toEqual([expect.objectContaining({ id: 'F0EDITED', url: expect.stringContaining(`/api/v1/files/F0EDITED?workspace=${h.app.tenancy!.workspaceId}&expires=`) })]);
    const res = await follow(attachments[0]!.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(h.slack.fileContent('F0EDITED'))).toBe(true);
  });

  it('stop being served once the agent deletes the reply', async () => {
    const { id, threadTs, ts, attachments } = await shareFile({ ...RECEIPT, id: 'F0WITHDRAWN' });
    const before = await follow(attachments[0]!.url);
    expect(before.status).toBe(200);
    await before.arrayBuffer();
    await h.slack.waitFor((c) => c.method === 'reactions.add' && c.args.timestamp === ts);

    const previous = { type: 'message', user: 'U0AGENT1', text: 'Here is your receipt', ts, thread_ts: threadTs };
    await sendSlackEvent(h, { type: 'message', subtype: 'message_deleted', deleted_ts: ts, previous_message: previous, ts: nextMessageTs() });
    await h.platform.waitFor(eventsOf(id, 'agent.message_deleted'));

    expect(await refusal(await follow(attachments[0]!.url))).toMatchObject({ status: 404, error: 'file_not_found' });
  });
});

describe('a link that does not hold', () => {
  it('is refused as expired once its time has passed, without asking Slack', async () => {
    const weekAndADayAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const res = await follow(signedLink(RECEIPT.id, weekAndADayAgo));
    expect(await refusal(res)).toEqual({ status: 403, error: 'link_expired', message: expect.stringMatching(/expired/) });
    expect(h.slack.calls('files.info')).toEqual([]);
  });

  it('is refused as a bad signature when its sig or expiry was changed', async () => {
    const genuine = new URL(signedLink('F0NEVERSHARED'));
    const sig = genuine.searchParams.get('sig')!;
    const tampered = new URL(genuine);
    tampered.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    const extended = new URL(genuine);
    extended.searchParams.set('expires', String(Number(genuine.searchParams.get('expires')) + 3600));
    const unsigned = new URL(genuine);
    unsigned.searchParams.delete('sig');

    expect(await refusal(await follow(tampered.href))).toEqual({ status: 403, error: 'invalid_link', message: expect.stringMatching(/signature does not match/) });
    expect(await refusal(await follow(extended.href))).toEqual({ status: 403, error: 'invalid_link', message: expect.stringMatching(/signature does not match/) });
    expect(await refusal(await follow(unsigned.href))).toEqual({ status: 403, error: 'invalid_link', message: expect.stringMatching(/expires and sig/) });
    // The untouched link gets past the signature, to the question whether the file was shared at all.
    expect(await refusal(await follow(genuine.href))).toMatchObject({ status: 404, error: 'file_not_found' });
  });

  it('is answered 404 for a file no agent shared, without asking Slack', async () => {
    const res = await follow(signedLink('F0NEVERSHARED'));
    expect(await refusal(res)).toEqual({ status: 404, error: 'file_not_found', message: expect.stringContaining('F0NEVERSHARED') });
    expect(h.slack.calls('files.info')).toEqual([]);
  });
});

describe('when Slack will not hand a shared file over', () => {
  let url: string;
  beforeAll(async () => {
    url = (await shareFile({ ...RECEIPT, id: 'F0UPSTREAM' })).attachments[0]!.url;
  });

  it.each([
    ['files.info fails with HTTP 500', { status: 500 }, /Slack unreachable while looking up file F0UPSTREAM/],
    ['files.info refuses the token', { error: 'invalid_auth' }, /Slack refused looking up file F0UPSTREAM: invalid_auth/],
  ])('answers 502 when %s', async (_label, failure, message) => {
    h.slack.failNext('files.info', failure);
    expect(await refusal(await follow(url))).toEqual({ status: 502, error: 'file_unavailable', message: expect.stringMatching(message) });
    expect(h.slack.fileDownloads()).toEqual([]);
  });

  it('answers 404 when the file was deleted in Slack', async () => {
    h.slack.failNext('files.info', { error: 'file_deleted' });
    expect(await refusal(await follow(url))).toEqual({ status: 404, error: 'file_not_found', message: 'File F0UPSTREAM is no longer in Slack (file_deleted)' });
  });

  it.each([
    ['an error status', 'nowhere/at/all', /answered HTTP 404 instead of file F0UPSTREAM/],
    ['its sign-in page', `files-pri/${TEAM_ID}-F0SIGNIN/download/signin.html`, /answered its sign-in page/],
  ])("answers 502 when Slack's file server answers %s", async (_label, path, message) => {
    h.slack.setFile('F0SIGNIN', { mimetype: 'text/html' });
    h.slack.setFile('F0UPSTREAM', { url_private_download: `${new URL(h.slack.url).origin}/${path}` });
    expect(await refusal(await follow(url))).toEqual({ status: 502, error: 'file_unavailable', message: expect.stringMatching(message) });
  });
});
