import { ErrorCode, type Logger, LogLevel, WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import { BOT_ID, BOT_USER_ID, SlackStandIn, TEAM_ID } from '../../helpers/slack-stand-in';
import { SLACK_RATE_LIMITS, SlackRateLimiter, allowedCalls } from '../../helpers/slack-rate-limits';

const standIn = new SlackStandIn();
let client: WebClient;

// WebClient logs Slack's `[ERROR]` response messages; refusals are expected here, so keep the output clean.
const quiet: Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {},
};

function webClient(retries = 0): WebClient {
  return new WebClient('xoxb-test', { slackApiUrl: standIn.url, retryConfig: { retries, minTimeout: 10, maxTimeout: 10 }, rejectRateLimitedCalls: true, logger: quiet });
}

async function rawCall(method: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(`${standIn.url}${method}`, { method: 'POST', ...init });
  return (await res.json()) as Record<string, unknown>;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

beforeAll(async () => {
  const { url } = await standIn.start();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  client = webClient();
});
afterAll(() => standIn.stop());
afterEach(() => standIn.reset());

describe('valid calls', () => {
  it('records a postMessage with parsed blocks and the bearer token, and returns increasing ts', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'hello', blocks: [section('*hello*')], unfurl_links: false });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again', thread_ts: first.ts });

    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'hello', bot_id: BOT_ID, user: BOT_USER_ID } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const [call] = standIn.calls('chat.postMessage');
    // Form encoding: scalars arrive as strings, blocks as JSON that the stand-in parses back.
    expect(call).toMatchObject({ method: 'chat.postMessage', token: 'xoxb-test', args: { channel: 'C1', text: 'hello', blocks: [section('*hello*')], unfurl_links: 'false' } });
    expect(standIn.calls()).toHaveLength(2);
    expect(standIn.problems()).toEqual([]);
  });

  it('answers auth.test as the Handoff bot in the Acme workspace', async () => {
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, team: 'Acme', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID });
  });

  it('derives users from their id and applies setUser overrides', async () => {
    standIn.setUser('U2', { real_name: 'Ada Lovelace', profile: { display_name: 'ada' } });
    const { user } = await client.users.info({ user: 'U2' });
    expect(user).toMatchObject({ id: 'U2', real_name: 'Ada Lovelace', profile: { display_name: 'ada', image_72: expect.stringContaining('U2') } });
    expect((await client.users.info({ user: 'U3' })).user?.profile?.display_name).toBe('u3');
  });

  it('serves configured user groups and refuses unknown ones as Slack does', async () => {
    standIn.setUserGroup('S1', ['U1', 'U2']);
    await expect(client.usergroups.users.list({ usergroup: 'S1' })).resolves.toMatchObject({ users: ['U1', 'U2'] });
    await expect(client.usergroups.users.list({ usergroup: 'S9' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });

  it('opens the same DM for the same users and publishes a modal with an id', async () => {
    const a = await client.conversations.open({ users: 'U1' });
    const b = await client.conversations.open({ users: 'U1' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b.channel?.id).toBe(a.channel?.id);
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Claim' }, blocks: [section('ok')] };
    const opened = await client.views.open({ trigger_id: '1.2.3', view });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', title: view.title });
    const permalink = await client.chat.getPermalink({ channel: 'C1', message_ts: '1700000000.000100' });
    expect(permalink.permalink).toBe('https://acme.slack.com/archives/C1/p1700000000000100');
  });

  it('accepts JSON bodies for methods that support them', async () => {
    const body = await rawCall('chat.postMessage', {
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C1', text: 'hi', blocks: [section('hi')] }),
    });
    expect(body).toMatchObject({ ok: true, channel: 'C1' });
    expect(standIn.calls('chat.postMessage')[0]).toMatchObject({ token: 'xoxb-json', args: { blocks: [section('hi')] } });
  });
});

describe('validation against the Slack method reference', () => {
  it('refuses a postMessage without channel and records the problem', async () => {
    // @ts-expect-error channel is required by the typings too; this is what an untyped caller would send
    await expect(client.chat.postMessage({ text: 'hello' })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(standIn.problems()).toEqual([{ method: 'chat.postMessage', messages: ['missing required argument: channel'], args: { text: 'hello' } }]);
    expect(standIn.calls('chat.postMessage')).toHaveLength(1);
  });

  it('refuses a postMessage without fallback text', async () => {
    await expect(client.chat.postMessage({ channel: 'C1', blocks: [section('hi')] })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(standIn.problems()[0]?.messages).toEqual(['missing fallback text']);
  });

  it.each([
    ['a section over 3,000 characters', [section('x'.repeat(3001))], '/0/text/text must NOT have more than 3000 characters'],
    ['a header with mrkdwn text', [{ type: 'header', text: { type: 'mrkdwn', text: 'Claimed' } }], '/0/text/type must be equal to constant'],
  ])('refuses %s', async (_label, blocks, expected) => {
    await expect(client.chat.postMessage({ channel: 'C1', text: 'fallback', blocks })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(standIn.problems()).toHaveLength(1);
    expect(standIn.problems()[0]?.messages).toContain(expected);
  });

  it('accepts the same blocks once they are within the rules', async () => {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'Claimed' } }, section('x'.repeat(3000))];
    await expect(client.chat.postMessage({ channel: 'C1', text: 'fallback', blocks })).resolves.toMatchObject({ ok: true });
    expect(standIn.problems()).toEqual([]);
  });

  it('refuses a modal whose title is over 24 characters', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [section('ok')] };
    await expect(client.views.open({ trigger_id: '1.2.3', view })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(standIn.problems()[0]?.messages).toContain('modal title over 24 characters');
  });

  it('refuses arguments Slack does not know (they would be silently ignored)', async () => {
    await expect(client.apiCall('chat.delete', { channel: 'C1', ts: '1.2', thread_ts: '1.1' })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    expect(standIn.problems()[0]?.messages).toEqual(['unknown argument (Slack ignores it): thread_ts']);
  });

  it('requires the token as a Bearer header', async () => {
    const body = await rawCall('auth.test', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=xoxb-in-body' });
    expect(body.error).toBe('invalid_arguments');
    expect(standIn.problems()[0]?.messages).toEqual(['token sent in the body instead of an Authorization: Bearer header']);
  });

  it('refuses JSON bodies for methods that only take form posts', async () => {
    const body = await rawCall('users.info', { headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' }, body: '{"user":"U1"}' });
    expect(body.error).toBe('invalid_arguments');
    expect(standIn.problems()[0]?.messages).toEqual(['users.info does not accept JSON bodies']);
  });

  it('answers unknown_method for methods it does not serve, and flags it', async () => {
    await expect(client.apiCall('conversations.join', { channel: 'C1' })).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(standIn.calls('conversations.join')).toHaveLength(1);
    expect(standIn.problems()[0]?.messages).toEqual(['conversations.join is not served by the stand-in']);
  });
});

describe('fault injection', () => {
  it('fails once with HTTP 500, then succeeds', async () => {
    standIn.failNext('chat.postMessage', { status: 500 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).resolves.toMatchObject({ ok: true });
    expect(standIn.calls('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
  });

  it('lets a retrying client recover from a 500', async () => {
    standIn.failNext('chat.postMessage', { status: 500 });
    await expect(webClient(1).chat.postMessage({ channel: 'C1', text: 'a' })).resolves.toMatchObject({ ok: true });
    expect(standIn.calls('chat.postMessage')).toHaveLength(2);
  });

  it('answers ok:false with a Slack error, `times` times', async () => {
    standIn.failNext('chat.update', { error: 'channel_not_found', times: 2 });
    const update = () => client.chat.update({ channel: 'C1', ts: '1.2', text: 'x' });
    await expect(update()).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } });
    await expect(update()).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(update()).resolves.toMatchObject({ ok: true, ts: '1.2' });
  });

  it('answers 429 with Retry-After, surfacing as WebAPIRateLimitedError', async () => {
    standIn.failNext('reactions.add', { retryAfter: 7 });
    const error = (await client.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(standIn.calls('reactions.add')[0]?.status).toBe(429);
  });

  it('keeps answering 429 for as long as a rate limit lasts, then succeeds', async () => {
    standIn.failFor('chat.postMessage', 300, { retryAfter: 2 });
    const post = () => client.chat.postMessage({ channel: 'C1', text: 'a' });
    await expect(post()).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 2 });
    await expect(post()).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 2 });
    await expect(client.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).resolves.toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 300));
    await expect(post()).resolves.toMatchObject({ ok: true });
    expect(standIn.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('delays a method', async () => {
    standIn.delay('auth.test', 150);
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("Slack's rate limits, when enforced", () => {
  it('lets chat.postMessage burst three into a channel, then answers 429 with the whole seconds until a slot frees', async () => {
    standIn.enforceRateLimits();
    const post = (channel: string) => client.chat.postMessage({ channel, text: 'a' });
    for (let i = 0; i < 3; i++) await expect(post('C1')).resolves.toMatchObject({ ok: true });
    await expect(post('C1')).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    // Another channel has its own limit.
    await expect(post('C2')).resolves.toMatchObject({ ok: true });
    expect(standIn.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 200, 200, 429, 200]);
    expect(standIn.calls('chat.postMessage')[3]?.response).toEqual({ ok: false, error: 'ratelimited' });
    expect(standIn.rateLimitReport()).toEqual({
      'chat.postMessage C1': { accepted: 3, limited: 1, longestLimitedRun: 1 },
      'chat.postMessage C2': { accepted: 1, limited: 0, longestLimitedRun: 0 },
    });
  });

  it('counts chat.update and reactions.add per workspace, each method on its own', async () => {
    standIn.enforceRateLimits({ ...SLACK_RATE_LIMITS, 'chat.update': { perMinute: 50, burst: 1, per: 'workspace' } });
    await client.chat.update({ channel: 'C1', ts: '1.2', text: 'x' });
    await expect(client.chat.update({ channel: 'C2', ts: '1.3', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 2 });
    await expect(client.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' })).resolves.toMatchObject({ ok: true });
    expect(standIn.rateLimitReport()['chat.update']).toEqual({ accepted: 1, limited: 1, longestLimitedRun: 1 });
  });

  it('takes any number of calls unless asked, and forgets its limits on reset', async () => {
    for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: 'C1', text: 'a' });
    standIn.enforceRateLimits();
    standIn.reset();
    for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: 'C1', text: 'a' });
    expect(standIn.calls('chat.postMessage').every((c) => c.status === 200)).toBe(true);
    expect(standIn.rateLimitReport()).toEqual({});
  });
});

describe('the rate limiter', () => {
  const limit = { perMinute: 60, burst: 3, per: 'channel' as const };

  it('refills one slot a second and records the longest run of 429s on each limit', () => {
    const limiter = new SlackRateLimiter({ 'chat.postMessage': limit });
    const answers = [0, 0, 0, 0, 100, 900, 1000, 1000].map((at) => limiter.take('chat.postMessage', 'C1', at));
    expect(answers).toEqual([undefined, undefined, undefined, 1, 1, 1, undefined, 1]);
    expect(limiter.report()).toEqual({ 'chat.postMessage C1': { accepted: 4, limited: 4, longestLimitedRun: 3 } });
  });

  it('says how many calls a window allows, its burst included', () => {
    expect(allowedCalls(limit, 60_000)).toBe(63);
    expect(allowedCalls({ perMinute: 50, burst: 5, per: 'workspace' }, 30_000)).toBe(30);
  });
});

describe('file contents', () => {
  const download = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

  it('serves the file files.info describes, from its own server, to the bot token', async () => {
    standIn.setFile('F0RECEIPT', { name: 'receipt.pdf', mimetype: 'application/pdf', size: 100 });
    const { file } = await client.files.info({ file: 'F0RECEIPT' });
    const origin = new URL(standIn.url).origin;
    expect(file?.url_private_download).toBe(`${origin}/files-pri/${TEAM_ID}-F0RECEIPT/download/receipt.pdf`);
    expect(file?.url_private).toBe(`${origin}/files-pri/${TEAM_ID}-F0RECEIPT/receipt.pdf`);

    const res = await download(file!.url_private_download!, { authorization: 'Bearer xoxb-test' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('100');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes).toHaveLength(100);
    expect(bytes.equals(standIn.fileContent('F0RECEIPT'))).toBe(true);
    expect(standIn.fileDownloads()).toEqual([{ fileId: 'F0RECEIPT', token: 'xoxb-test', status: 200 }]);
  });

  it('gives each file its own bytes, the same every time', () => {
    expect(standIn.fileContent('F1').equals(standIn.fileContent('F1'))).toBe(true);
    expect(standIn.fileContent('F1').equals(standIn.fileContent('F2'))).toBe(false);
  });

  it.each([
    ['no Authorization header', {}],
    ['a user token', { authorization: 'Bearer xoxp-user' }],
    ['the bot token without Bearer', { authorization: 'xoxb-test' }],
  ])('refuses a download with %s', async (_label, headers: Record<string, string>) => {
    const { file } = await client.files.info({ file: 'F0SECRET' });
    const res = await download(file!.url_private!, headers);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/bot token/);
    expect(standIn.fileDownloads()).toEqual([expect.objectContaining({ fileId: 'F0SECRET', status: 403 })]);
  });
});

describe('waitFor', () => {
  it('resolves with the matching calls once they arrive', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: 'C7', text: 'later' }), 50);
    const matches = await standIn.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C7');
    expect(matches.map((c) => c.args.text)).toEqual(['later']);
  });

  it('rejects on timeout, listing what was recorded', async () => {
    await client.auth.test();
    await expect(standIn.waitFor((c) => c.method === 'chat.postMessage', 100)).rejects.toThrow(
      /timed out after 100 ms: 0 of 1 expected Slack API calls matched[\s\S]*1\. auth\.test → 200/,
    );
  });
});

describe('assertNoUntrustedPings', () => {
  it('passes when every ping in the recorded calls is one Handoff built for a known person', async () => {
    await client.chat.postMessage({ channel: 'C1', text: '<@U0AGENT1> took over', blocks: [section('&lt;!channel&gt; Eve')], username: '(!here) Eve' });
    expect(() => standIn.assertNoUntrustedPings(['U0AGENT1'])).not.toThrow();
  });

  it('names the method and the sequence when a call carries a ping from elsewhere, in any field', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'hi', username: '<!channel> Eve' });
    await client.views.open({ trigger_id: '1.2', view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [section('<@U999>')] } });
    expect(() => standIn.assertNoUntrustedPings()).toThrow(/chat\.postMessage: <!channel>\nviews\.open: <@U999>/);
  });
});
