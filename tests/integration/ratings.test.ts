import { randomUUID } from 'node:crypto';
import type { Harness } from '../helpers/harness';
import { messageProblems } from '../helpers/block-kit';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { openConversation, pressButton, typeCommand, waitUntil, type OpenConversation } from '../helpers/slack-user';
import type { SlackCall } from '../helpers/slack-stand-in';
import { waitForSettled } from '../helpers/settle';
import { useHarness } from '../helpers/use-harness';
import { ACTIONS } from '../../src/slack/ids';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

function rate(c: Pick<OpenConversation, 'externalId'>, body: unknown, webhookId = `msg_${randomUUID()}`) {
  return h.platformRequest(`/api/v1/conversations/${encodeURIComponent(c.externalId)}/rating`, body, { webhookId });
}

async function press(c: OpenConversation, actionId: string, userId: string): Promise<void> {
  await pressButton(h, { actionId, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });
}

async function closedBy(c: OpenConversation, userId: string, holder?: string): Promise<void> {
  if (holder) {
    await press(c, ACTIONS.takeOver, holder);
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { id: c.id, assigneeId: holder } })) === 1);
  }
  await press(c, ACTIONS.close, userId);
  await waitUntil(async () => (await h.app.db.conversation.count({ where: { id: c.id, status: 'closed' } })) === 1);
}

const threadPost = (c: OpenConversation, text: string) => (call: SlackCall) =>
  call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && call.args.text === text;

const rootShowing = (c: OpenConversation, contains: string) => (call: SlackCall) =>
  call.method === 'chat.update' && call.args.ts === c.rootTs && JSON.stringify(call.args.blocks).includes(contains);

describe('the customer rating of a closed conversation', () => {
  it('is stored before the answer, shown in the thread with the comment escaped, and as stars on the root', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE', 'U0ALICE');

    const res = await rate(c, { score: 4, comment: 'Quick <!channel> & kind' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ conversationId: c.externalId, score: 4, replaced: false });
    expect(await h.app.db.rating.findUniqueOrThrow({ where: { conversationId: c.id } })).toMatchObject({ score: 4, comment: 'Quick <!channel> & kind', agentId: 'U0ALICE' });

    const [post] = await h.slack.waitFor(threadPost(c, 'Customer rated 4/5: Quick (!channel) &amp; kind'));
    expect(messageProblems(post!.args as { text: string; blocks: unknown[] })).toEqual([]);
    await h.slack.waitFor(rootShowing(c, ':star: Customer rating ★★★★☆ 4/5'));
  });

  it('answers a replayed webhook-id the same, without storing or posting it twice', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE');
    const first = await rate(c, { score: 5 }, 'msg_rating_once');
    const again = await rate(c, { score: 5 }, 'msg_rating_once');
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(await again.json()).toEqual(await first.json());
    await h.slack.waitFor(threadPost(c, 'Customer rated 5/5'));
    await waitForSettled(h);
    expect(h.slack.calls('chat.postMessage').filter((call) => String(call.args.text).startsWith('Customer rated'))).toHaveLength(1);
    expect(await h.app.db.threadPost.count({ where: { conversationId: c.id, body: { path: ['rating', 'score'], equals: 5 } } })).toBe(1);
  });

  it('replaces an earlier rating with a newer one, and the thread says the customer changed it', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE');
    await rate(c, { score: 2, comment: 'Slow' });
    const res = await rate(c, { score: 4, comment: 'Sorted in the end' });
    expect(await res.json()).toMatchObject({ replaced: true });
    await h.slack.waitFor(threadPost(c, 'Customer changed their rating to 4/5: Sorted in the end'));
    await h.slack.waitFor(rootShowing(c, '★★★★☆ 4/5'));
    // Nobody held it when it closed: the rating counts for whoever closed it.
    expect(await h.app.db.rating.findMany({ where: { conversationId: c.id } })).toEqual([expect.objectContaining({ score: 4, comment: 'Sorted in the end', agentId: 'U0ALICE' })]);
  });

  it('keeps one rating when two arrive at the same moment, and exactly one of them replaced the other', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE');
    const answers = await Promise.all([rate(c, { score: 1 }), rate(c, { score: 5 })]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { replaced: boolean }[];
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(bodies.map((b) => b.replaced).sort()).toEqual([false, true]);
    // The one kept is the one that says it replaced the other, and the thread's last word agrees.
    const kept = [1, 5][bodies.findIndex((b) => b.replaced)];
    expect(await h.app.db.rating.findMany({ where: { conversationId: c.id } })).toEqual([expect.objectContaining({ score: kept })]);
    await h.slack.waitFor(threadPost(c, `Customer changed their rating to ${kept}/5`));
  });

  it('still takes a rating once the conversation was reopened, for the help given before', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0BOB', 'U0ALICE');
    await press(c, ACTIONS.reopen, 'U0BOB');
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { id: c.id, status: 'waiting' } })) === 1);
    expect((await rate(c, { score: 3 })).status).toBe(202);
    expect(await h.app.db.rating.findUniqueOrThrow({ where: { conversationId: c.id } })).toMatchObject({ score: 3, agentId: 'U0ALICE' });
  });

  it.each([
    [{ score: 6 }, 'score', 'must be from 1 to 5'],
    [{ score: 0 }, 'score', 'must be from 1 to 5'],
    [{ score: 3.5 }, 'score', 'must be a whole number from 1 to 5'],
    [{ score: '4' }, 'score', 'must be a whole number from 1 to 5'],
    [{ score: null }, 'score', 'must be a whole number from 1 to 5'],
    [{ comment: 'no score' }, 'score', 'is required: a whole number from 1 to 5'],
    [{ score: 4, comment: 'x'.repeat(2001) }, 'comment', 'Too big: expected string to have <=2000 characters'],
  ])('refuses %j with a 400 naming %s', async (body, field, message) => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE');
    const res = await rate(c, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: field, message }] });
    expect(await h.app.db.rating.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it('refuses an unknown conversation with a 404, and one never closed with a 409', async () => {
    const unknown = await rate({ externalId: 'conv-never-alerted' }, { score: 5 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'conversation_not_found' });

    const c = await openConversation(h);
    const open = await rate(c, { score: 5 }, 'msg_rating_too_early');
    expect(open.status).toBe(409);
    expect(await open.json()).toMatchObject({ error: 'conversation_not_closed', message: expect.stringContaining('has not been closed yet') });
    // Not remembered: the same delivery succeeds once the conversation is closed.
    await closedBy(c, 'U0ALICE');
    expect((await rate(c, { score: 5 }, 'msg_rating_too_early')).status).toBe(202);
  });

  it('refuses a request without a valid signature', async () => {
    const c = await openConversation(h);
    await closedBy(c, 'U0ALICE');
    const res = await h.platformRequest(`/api/v1/conversations/${c.externalId}/rating`, { score: 5 }, { secret: 'whsec_bm90LXRoZS1zZWNyZXQ=' });
    expect(res.status).toBe(401);
    expect(await h.app.db.rating.count({ where: { conversationId: c.id } })).toBe(0);
  });
});

describe('/handoff stats with customer ratings', () => {
  it('shows the average rating overall and for the agent who held each conversation at its close, with counts', async () => {
    // The ratings of the tests above are this file's too: the period starts from none.
    await h.app.db.rating.deleteMany();
    const ratings: [string, number][] = [
      ['U0ALICE', 5],
      ['U0ALICE', 4],
      ['U0BOB', 2],
    ];
    for (const [agent, score] of ratings) {
      const c = await openConversation(h);
      // A lead closes them; the rating counts for the agent who had the conversation.
      await closedBy(c, 'U0LEAD', agent);
      expect((await rate(c, { score })).status).toBe(202);
    }
    const res = await typeCommand(h, { userId: 'U0LEAD', text: 'stats week', responseUrl: respond.url });
    expect(res).toEqual({ status: 200, body: null });
    const [answer] = await respond.waitFor((a) => String(a.text).startsWith('Handoff stats'));
    expect(messageProblems(answer!)).toEqual([]);
    expect(JSON.stringify(answer!.blocks)).toContain(
      '*Customer ratings*\\n3.7/5 average from 3 ratings overall\\n<@U0ALICE>: 4.5/5 average from 2 ratings\\n<@U0BOB>: 2.0/5 average from 1 rating',
    );
  });
});
