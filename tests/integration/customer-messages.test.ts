import { alertBody } from '../helpers/alerts';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { waitForSettled } from '../helpers/settle';
import { nextMessageTs, openThread } from '../helpers/slack-user';
import { visibleText } from '../helpers/block-text';

let h: Harness;

useHarness((started) => (h = started));

const postedAsCustomer = (threadTs: string) => (c: { method: string; args: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.args.thread_ts === threadTs && c.args.username !== undefined;

function sendMessage(conversationId: string, message: Record<string, unknown>, webhookId?: string) {
  return h.platformRequest(`/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, message, { webhookId });
}

describe('POST /api/v1/conversations/{id}/messages', () => {
  it("mirrors the customer's message into the thread under their name and avatar", async () => {
    const { id, threadTs, customerName } = await openThread(h);
    const res = await sendMessage(id, { id: 'm1', text: 'Any news on my refund?', at: new Date().toISOString() });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ messageId: 'm1', conversationId: id });
    const [post] = await h.slack.waitFor(postedAsCustomer(threadTs));
    expect(post!.args).toMatchObject({ username: customerName, icon_url: 'https://cdn.example.com/jane.png' });
    expect(JSON.stringify(post!.args.blocks)).toContain('Any news on my refund?');
    const stored = await h.app.db.message.findFirstOrThrow({ where: { externalId: 'm1' } });
    expect(stored).toMatchObject({ role: 'customer', text: 'Any news on my refund?' });
  });

  it('posts the same message id once, even under a new webhook-id', async () => {
    const { id, threadTs } = await openThread(h);
    await sendMessage(id, { id: 'dup-1', text: 'hello' }, 'msg_dup_a');
    await sendMessage(id, { id: 'dup-1', text: 'hello' }, 'msg_dup_b');
    await sendMessage(id, { id: 'dup-1', text: 'hello' }, 'msg_dup_a');
    await h.slack.waitFor(postedAsCustomer(threadTs));
    await waitForSettled(h);
    expect(h.slack.calls('chat.postMessage').filter(postedAsCustomer(threadTs))).toHaveLength(1);
  });

  it('keeps the order the customer wrote in when an earlier message arrives late', async () => {
    const { id, threadTs } = await openThread(h);
    // Slack fails the first posts, so all three are pending together when the job finally gets through.
    h.slack.failNext('chat.postMessage', { status: 500, times: 3 });
    const t0 = Date.now();
    await sendMessage(id, { id: 'o2', text: 'second', at: new Date(t0 + 1000).toISOString() });
    await sendMessage(id, { id: 'o1', text: 'first', at: new Date(t0).toISOString() });
    await sendMessage(id, { id: 'o3', text: 'third', at: new Date(t0 + 2000).toISOString() });
    const posts = await h.slack.waitFor((c) => postedAsCustomer(threadTs)(c) && c.status === 200, 8000, 3);
    expect(posts.map((p) => p.args.text)).toEqual(['first', 'second', 'third']);
  });

  it('escapes what the customer wrote so it cannot ping the channel', async () => {
    const { id, threadTs } = await openThread(h);
    await sendMessage(id, { id: 'h1', text: '<!channel> look <https://evil.example|here>' });
    const [post] = await h.slack.waitFor(postedAsCustomer(threadTs));
    expect(JSON.stringify(post!.args)).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(visibleText(post!.args.blocks)).toBe('(!channel) look (https://evil.example|here)');
    h.slack.assertNoUntrustedPings();
  });

  it('lists attachments the customer sent', async () => {
    const { id, threadTs } = await openThread(h);
    await sendMessage(id, { id: 'a1', attachments: [{ url: 'https://cdn.example.com/receipt.pdf', name: 'receipt.pdf', mimeType: 'application/pdf', size: 2048 }] });
    const [post] = await h.slack.waitFor(postedAsCustomer(threadTs));
    expect(JSON.stringify(post!.args.blocks)).toContain('https://cdn.example.com/receipt.pdf');
  });

  it('answers 404 for a conversation it has never seen, and accepts a retry once the alert arrived', async () => {
    const body = alertBody({ transcript: [] });
    const early = await sendMessage(body.conversationId as string, { id: 'early', text: 'hi' }, 'msg_early');
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ error: 'conversation_not_found' });
    await h.platformRequest('/api/v1/handoffs', body);
    const retry = await sendMessage(body.conversationId as string, { id: 'early', text: 'hi' }, 'msg_early');
    expect(retry.status).toBe(202);
  });

  it('answers 400 naming the field when there is neither text nor attachment', async () => {
    const { id } = await openThread(h);
    const res = await sendMessage(id, { id: 'empty', text: '  ' });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { issues: unknown[] };
    expect(answer.issues).toEqual([expect.objectContaining({ path: 'text' })]);
  });

  it.each([
    ['text', { id: 'nul-text', text: 'refund\u0000please' }],
    ['attachments.0.name', { id: 'nul-name', attachments: [{ url: 'https://cdn.example.com/a.pdf', name: 'a\u0000.pdf' }] }],
  ])('answers 400 naming %s when it holds U+0000, and stores nothing', async (path, message) => {
    const { id } = await openThread(h);
    const res = await sendMessage(id, message);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues).toEqual([{ path, message: expect.stringContaining('U+0000') }]);
    expect(await h.app.db.message.count({ where: { externalId: message.id } })).toBe(0);
  });

  it('answers 400 naming the conversation id when the path holds U+0000', async () => {
    const res = await sendMessage('conv\u0000', { id: 'nul-path', text: 'hi' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues).toEqual([{ path: 'conversationId', message: expect.stringContaining('U+0000') }]);
    expect(await h.app.db.message.count({ where: { externalId: 'nul-path' } })).toBe(0);
  });

  it('rejects an unsigned message with 401', async () => {
    const { id } = await openThread(h);
    const res = await fetch(`${h.baseUrl}/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'x', text: 'hi' }),
    });
    expect(res.status).toBe(401);
  });
});
