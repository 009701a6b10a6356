import { alertBody } from '../helpers/alerts';
import { visibleText } from '../helpers/block-text';
import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { homeTabs, homeText, nextHome, openHome, pressAndWait, pressOnHome, type PublishedHome } from '../helpers/slack-home';
import { waitForSettled } from '../helpers/settle';
import { openConversation, pressButton, pressForModal, sendEvent, submitView, tagValues, typeCommand, waitUntil } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';

let h: Harness;
const respond = new ResponseUrlStandIn();

useHarness((started) => (h = started), { respond });

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

async function takeOverFromAlert(c: { id: string; rootTs: string }, userId: string): Promise<void> {
  await pressButton(h, { actionId: 'conversation_take_over', value: c.id, userId, rootTs: c.rootTs, responseUrl: respond.url });
  await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId === userId);
}

describe('the App Home', () => {
  let waiting: Awaited<ReturnType<typeof openConversation>>;
  let alices: Awaited<ReturnType<typeof openConversation>>;

  beforeAll(async () => {
    waiting = await openConversation(h, { customer: { name: 'Wendy Waiting' }, priority: 'urgent' });
    // Its root message shows the name made harmless, so it is waited for in the database rather than by its text.
    const hostile = alertBody({ customer: { name: '<!channel> *bold* <https://x|y>' }, transcript: [] });
    expect((await h.platformRequest('/api/v1/handoffs', hostile)).status).toBe(202);
    await waitUntil(async () => (await h.app.db.conversation.count({ where: { externalId: hostile.conversationId as string, NOT: { slackThreadTs: null } } })) === 1);
    alices = await openConversation(h, { customer: { name: 'Hank Human' }, channel: { type: 'whatsapp' } });
    await takeOverFromAlert(alices, ALICE);
  });

  // Only the mentions Handoff builds from the assignees' Slack ids may ping anyone.
  afterEach(() => h.slack.assertNoUntrustedPings([ALICE, BOB]));

  it('is published for whoever opens it, with each queue counted and the waiting conversations listed', async () => {
    const home = await openHome(h, ALICE);
    const [publish] = h.slack.calls('views.publish');
    expect(publish!.token).toBe('xoxb-test-token');
    expect(homeTabs(home)).toEqual({ tabs: ['Mine (1)', 'Unassigned (2)', 'Open (1)', 'With AI (0)', 'Closed (0)'], chosen: 'Unassigned (2)' });
    expect(homeText(home)).toContain('Wendy Waiting');
    expect(homeText(home)).not.toContain('Hank Human');
    expect(visibleText(home.blocks)).toContain('(!channel) *bold* (https://x|y)');
    expect(homeText(home)).toContain('Median first reply today: *–*');
    // Its link comes from Slack once, and is kept.
    expect(homeText(home)).toContain(`p${waiting.rootTs.replace('.', '')}`);
    await openHome(h, ALICE, { view: home });
    expect(h.slack.calls('chat.getPermalink')).toHaveLength(2);
  });

  it('switches tabs, and opens again on the tab it was left on', async () => {
    const first = await openHome(h, ALICE);
    const mine = await pressAndWait(h, first, ALICE, { actionId: 'home_queue_mine', value: 'mine' });
    expect(homeTabs(mine).chosen).toBe('Mine (1)');
    expect(homeText(mine)).toContain('Hank Human');
    expect(homeText(mine)).not.toContain('Wendy Waiting');
    const again = await openHome(h, ALICE, { view: mine });
    expect(homeTabs(again).chosen).toBe('Mine (1)');
    // Bob holds nothing: his own Home's Mine is empty.
    const bobs = await pressAndWait(h, await openHome(h, BOB), BOB, { actionId: 'home_queue_mine', value: 'mine' });
    expect(homeText(bobs)).toContain('Nothing assigned to you right now.');
  });

  it('filters by channel and by priority', async () => {
    const open = await pressAndWait(h, await openHome(h, ALICE), ALICE, { actionId: 'home_queue_open', value: 'open' });
    const onWhatsApp = await pressAndWait(h, open, ALICE, { actionId: 'home_filter_channel', selected: 'whatsapp' });
    expect(homeText(onWhatsApp)).toContain('Hank Human');
    const onEmail = await pressAndWait(h, onWhatsApp, ALICE, { actionId: 'home_filter_channel', selected: 'email' });
    expect(homeText(onEmail)).not.toContain('Hank Human');
    expect(homeTabs(onEmail).tabs).toContain('Open (0)');
    const urgent = await pressAndWait(h, await pressAndWait(h, onEmail, ALICE, { actionId: 'home_filter_channel', selected: '*' }), ALICE, {
      actionId: 'home_queue_unassigned', value: 'unassigned',
    });
    const onlyUrgent = await pressAndWait(h, urgent, ALICE, { actionId: 'home_filter_priority', selected: 'urgent' });
    expect(homeText(onlyUrgent)).toContain('Wendy Waiting');
    expect(homeTabs(onlyUrgent).tabs).toContain('Unassigned (1)');
  });

  it('filters by a tag the workspace has used', async () => {
    const modal = await pressForModal(h, { actionId: 'conversation_tag', value: alices.id, userId: ALICE, rootTs: alices.rootTs, responseUrl: respond.url });
    await submitView(h, modal, ALICE, tagValues(null, 'vip'));
    await waitUntil(async () => (await h.app.db.conversation.findUniqueOrThrow({ where: { id: alices.id } })).tags.includes('vip'));
    const open = await pressAndWait(h, await openHome(h, BOB), BOB, { actionId: 'home_queue_open', value: 'open' });
    const vip = await pressAndWait(h, open, BOB, { actionId: 'home_filter_tag', selected: 'vip' });
    expect(homeText(vip)).toContain('Hank Human');
    expect(homeTabs(vip).tabs).toEqual(['Mine (0)', 'Unassigned (0)', 'Open (1)', 'With AI (0)', 'Closed (0)']);
  });

  it('tells the person by direct message when their Home could not be shown', async () => {
    const home = await openHome(h, BOB);
    h.slack.failNext('views.publish', { error: 'internal_error' });
    await pressOnHome(h, home, BOB, { actionId: 'home_queue_ai', value: 'ai' });
    const [told] = await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === BOB);
    expect(String(told!.args.text)).toContain('could not finish that just now');
  });

  it('takes a conversation over from its row; a colleague pressing it after is told on their own Home', async () => {
    const c = await openConversation(h, { customer: { name: 'Tara Takeover' } });
    const bobsEarlier = await openHome(h, BOB);
    const taken = await pressAndWait(h, await openHome(h, ALICE), ALICE, { actionId: 'home_take_over', value: c.id });
    expect(await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'human', assigneeId: ALICE });
    expect(homeTabs(taken).tabs).toContain('Mine (2)');
    expect(homeText(taken)).not.toContain('Tara Takeover');
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'conversation.taken_over' && (d.body as { conversationId: string }).conversationId === c.externalId);

    const refused = await pressAndWait(h, bobsEarlier, BOB, { actionId: 'home_take_over', value: c.id });
    expect(homeText(refused)).toContain(`<@${ALICE}> already has this conversation.`);
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe(ALICE);
    expect(h.slack.calls('views.publish').filter((p) => homeText(p.args.view as never).includes('already has'))).toHaveLength(1);

    const anyway = await pressAndWait(h, refused, BOB, { actionId: 'home_take_over_confirmed', value: c.id });
    expect((await h.app.db.conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe(BOB);
    expect(homeText(anyway)).not.toContain('already has');
    await h.slack.waitFor((call) => call.method === 'conversations.open' && call.args.users === ALICE);
  });

  it('lets an agent go online and offline from the top of their Home', async () => {
    const home = await openHome(h, ALICE);
    expect(homeText(home)).toContain('You are *offline*');
    const online = await pressAndWait(h, home, ALICE, { actionId: 'home_availability', value: 'online' });
    expect(homeText(online)).toContain('You are *online*');
    expect(await h.app.db.agentAvailability.findMany({ select: { userId: true, online: true } })).toEqual([{ userId: ALICE, online: true }]);
    // Alice is online in this workspace only for herself: Bob's Home still says he is offline.
    expect(homeText(await openHome(h, BOB))).toContain('You are *offline*');
    const offline = await pressAndWait(h, online, ALICE, { actionId: 'home_availability', value: 'offline' });
    expect(homeText(offline)).toContain('You are *offline*');
    expect((await h.app.db.agentAvailability.findFirstOrThrow({ where: { userId: ALICE } })).online).toBe(false);
  });

  it('shows an availability changed with /handoff on the Home the agent opened', async () => {
    const home = await openHome(h, BOB);
    expect(homeText(home)).toContain('You are *offline*');
    const seen = h.slack.calls('views.publish').filter((c) => c.args.user_id === BOB && c.response.ok === true).length;
    expect((await typeCommand(h, { userId: BOB, text: 'online', responseUrl: respond.url })).status).toBe(200);
    expect(homeText(await nextHome(h, BOB, seen))).toContain('You are *online*');
    expect((await typeCommand(h, { userId: BOB, text: 'offline', responseUrl: respond.url })).status).toBe(200);
    expect(homeText(await nextHome(h, BOB, seen + 1))).toContain('You are *offline*');
  });

  it('shows today\'s median time from the alert to the first reply sent to the customer', async () => {
    const c = await openConversation(h, { customer: { name: 'Rhea Replied' } });
    const ts = `${Math.floor(Date.now() / 1000) + 90}.000100`;
    await sendEvent(h, { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: ALICE, text: 'Hello Rhea, I am on it.', ts, thread_ts: c.rootTs });
    await h.platform.waitFor((d) => (d.body as { type: string; conversationId: string }).type === 'agent.message' && (d.body as { conversationId: string }).conversationId === c.externalId);
    expect(homeText(await openHome(h, ALICE))).toMatch(/Median first reply today: \*1m\*/);
  });

  it('pages a long queue, oldest first', async () => {
    const names = Array.from({ length: 24 }, (_, i) => `Queued ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await openConversation(h, { customer: { name } });
    const first = await openHome(h, BOB);
    expect(homeText(first)).toContain('Page 1 of 2 · 26 conversations');
    expect(homeText(first)).toContain('Wendy Waiting');
    expect(homeText(first)).toContain('Queued 18');
    expect(homeText(first)).not.toContain('Queued 19');
    const second = await pressAndWait(h, first, BOB, { actionId: 'home_page_next', value: '2' });
    expect(homeText(second)).toContain('Page 2 of 2');
    expect(['Queued 19', 'Queued 24'].every((n) => homeText(second).includes(n))).toBe(true);
    expect(homeText(second)).not.toContain('Queued 18');
    const back = await pressAndWait(h, second, BOB, { actionId: 'home_page_previous', value: '1' });
    expect(homeText(back)).toContain('Page 1 of 2');
  });
});

describe('Homes kept current', () => {
  const CAROL = 'U0CAROL';
  const ZOE = 'U0ZOE';
  const publishes = (userId: string) => h.slack.calls('views.publish').filter((c) => c.args.user_id === userId).length;

  it('shows each change to whoever has their Home open, a burst of changes once, and leaves alone a Home left long ago', async () => {
    await pressAndWait(h, await openHome(h, CAROL), CAROL, { actionId: 'home_filter_channel', selected: 'sms' });
    await openHome(h, ZOE);
    // Zoe opened hers long ago, as far as Handoff can tell.
    const zoe = { workspaceId_userId: { workspaceId: h.app.tenancy!.workspaceId, userId: ZOE } };
    await waitUntil(async () => (await h.app.db.homeViewer.findUnique({ where: zoe })) !== null);
    await h.app.db.homeViewer.update({ where: zoe, data: { seenAt: new Date(Date.now() - 11 * 60_000) } });
    const zoes = publishes(ZOE);

    let seen = publishes(CAROL);
    const rita = await openConversation(h, { customer: { name: 'Rita Refresh' }, channel: { type: 'sms' } });
    const withRita = await nextHome(h, CAROL, seen);
    expect(homeText(withRita)).toContain('Rita Refresh');
    expect(homeTabs(withRita).tabs).toContain('Unassigned (1)');

    const sam = await openConversation(h, { customer: { name: 'Sam Sms' }, channel: { type: 'sms' } });
    await waitForSettled(h);
    seen = publishes(CAROL);
    await takeOverFromAlert(rita, BOB);
    await takeOverFromAlert(sam, BOB);
    await pressButton(h, { actionId: 'conversation_close', value: rita.id, userId: BOB, rootTs: rita.rootTs, responseUrl: respond.url });
    await nextHome(h, CAROL, seen);
    await waitForSettled(h);
    const refreshed = h.slack.calls('views.publish').filter((c) => c.args.user_id === CAROL).slice(seen);
    // Three changes in a moment: one publish, or two when the moment ended between them.
    expect(refreshed.length).toBeLessThanOrEqual(2);
    const final = (refreshed.at(-1)!.response as { view: PublishedHome }).view;
    expect(homeTabs(final).tabs).toEqual(expect.arrayContaining(['Unassigned (0)', 'Open (1)', 'Closed (1)']));
    // Still on her filter.
    expect(JSON.parse(final.private_metadata)).toMatchObject({ filters: { channelType: 'sms' } });
    expect(publishes(ZOE)).toBe(zoes);
    const closed = await pressAndWait(h, final, CAROL, { actionId: 'home_queue_closed', value: 'closed' });
    expect(homeText(closed)).toContain('Rita Refresh');
    expect(homeText(closed)).not.toContain('Sam Sms');
  });
});
