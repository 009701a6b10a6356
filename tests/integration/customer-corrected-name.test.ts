import { randomUUID } from 'node:crypto';
import type { Harness } from '../helpers/harness';
import { useHarness } from '../helpers/use-harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { assignValues, openConversation, pressForModal, submitView, type OpenConversation } from '../helpers/slack-user';
import { homeText, nextHome, openHome } from '../helpers/slack-home';
import { listedBy } from '../helpers/command-lists';
import { waitForSettled } from '../helpers/settle';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const ALICE = 'U0ALICE';

const openModal = (c: OpenConversation, actionId: string, userId: string) =>
  pressForModal(h, { actionId, value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });

// The profile form as Slack sends it, with the name corrected and every other detail as the modal showed it.
function withName(view: Record<string, unknown>, name: string) {
  const shown = (field: string) =>
    (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) => b.block_id === `customer_${field}_block`)?.element?.initial_value ?? null;
  const input = (field: string, value: string | null) => [`customer_${field}_block`, { [`customer_${field}`]: { type: 'plain_text_input', value } }];
  return Object.fromEntries([
    input('note', null),
    input('tag_new', null),
    input('name', name),
    ...['email', 'phone', 'address'].map((field) => input(field, shown(field))),
  ]);
}

const publishesFor = (userId: string) => h.slack.calls('views.publish').filter((c) => c.args.user_id === userId && c.response.ok === true).length;

describe("a customer's name corrected in the profile", () => {
  it('is the name on App Home, in /handoff queue and search, in the assign modal and in a direct message sent after it', async () => {
    const suffix = randomUUID().slice(0, 6);
    const alerted = `snowy-frog-${suffix}`;
    const corrected = `Anna Meyer ${suffix}`;
    const c = await openConversation(h, { customer: { name: alerted, email: `frog-${suffix}@example.com`, phone: '+4915100000' } });

    const before = await openHome(h, ALICE);
    expect(homeText(before)).toContain(alerted);
    const seen = publishesFor(ALICE);

    const profile = await openModal(c, 'conversation_customer', 'U0AGENT');
    expect(await submitView(h, profile, 'U0AGENT', withName(profile, corrected))).toEqual({});

    // Alice's open Home shows the new name without her pressing anything.
    let refreshed = await nextHome(h, ALICE, seen);
    for (let n = seen + 1; !homeText(refreshed).includes(corrected); n++) refreshed = await nextHome(h, ALICE, n);
    expect(homeText(refreshed)).not.toContain(alerted);

    const queue = await listedBy(h, respond, { userId: ALICE, text: 'queue' });
    expect(queue.rows.map((r) => r.name)).toContain(corrected);
    expect(JSON.stringify(queue.message)).not.toContain(alerted);

    // Found by either name, shown by the one the team gave.
    for (const typed of [corrected, alerted]) {
      const found = await listedBy(h, respond, { userId: ALICE, text: `search ${typed}` });
      expect(found.rows.map((r) => r.name)).toEqual([corrected]);
    }

    const assign = await openModal(c, 'conversation_assign', 'U0SUPER');
    expect(JSON.stringify(assign.blocks)).toContain(corrected);
    expect(await submitView(h, assign, 'U0SUPER', assignValues('U0CAROL', 'high'))).toEqual({});
    const [opened] = await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === 'U0CAROL');
    const dmChannel = (opened!.response as { channel: { id: string } }).channel.id;
    const [dm] = await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === dmChannel);
    expect(String(dm!.args.text)).toBe(`<@U0SUPER> assigned you the conversation with ${corrected} (high priority)`);

    // The customer's next message is posted in the thread under the corrected name too.
    const res = await h.platformRequest(`/api/v1/conversations/${encodeURIComponent(c.externalId)}/messages`, {
      id: `m-${suffix}`,
      text: 'Is anyone there?',
      at: new Date().toISOString(),
    });
    expect(res.status).toBe(202);
    const [post] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.thread_ts === c.rootTs && JSON.stringify(call.args.blocks ?? []).includes('Is anyone there?'),
    );
    expect(post!.args.username).toBe(corrected);
    await waitForSettled(h);
  });

  it("refreshes the open App Homes itself, while Slack holds back the root message's update", async () => {
    const suffix = randomUUID().slice(0, 6);
    const c = await openConversation(h, { customer: { name: `misty-owl-${suffix}` } });
    await openHome(h, ALICE);
    const seen = publishesFor(ALICE);
    h.slack.failFor('chat.update', 8_000, { retryAfter: 8 });

    const profile = await openModal(c, 'conversation_customer', 'U0AGENT');
    expect(await submitView(h, profile, 'U0AGENT', withName(profile, `Owen Park ${suffix}`))).toEqual({});
    expect(homeText(await nextHome(h, ALICE, seen))).toContain(`Owen Park ${suffix}`);
    const rootUpdated = (call: { method: string; args: Record<string, unknown>; response: { ok?: boolean } }) =>
      call.method === 'chat.update' && call.args.ts === c.rootTs && call.response.ok === true;
    expect(h.slack.calls('chat.update').filter(rootUpdated)).toEqual([]);
    await h.slack.waitFor(rootUpdated, 30_000);
  }, 40_000);

  it('leaves a conversation whose alert named no customer id as the alert said', async () => {
    const c = await openConversation(h, { customer: { id: undefined, name: `No Record ${randomUUID().slice(0, 6)}` } });
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).customerId).toBeNull();
    const queue = await listedBy(h, respond, { userId: ALICE, text: 'queue' });
    expect(queue.rows.map((r) => r.name)).toContain(c.customerName);
    expect(homeText(await openHome(h, ALICE))).toContain(c.customerName);
  });
});
