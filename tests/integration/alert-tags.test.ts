import { ALERTS_CHANNEL, type Harness } from '../helpers/harness';
import { listedBy } from '../helpers/command-lists';
import { findPings } from '../helpers/slack-pings';
import { ResponseUrlStandIn } from '../helpers/response-url-stand-in';
import { homeTabs, homeText, openHome, pressAndWait } from '../helpers/slack-home';
import { openConversation, pressForModal, submitView, tagValues, waitUntil } from '../helpers/slack-user';
import { useHarness } from '../helpers/use-harness';
import { visibleText } from '../helpers/block-text';

const VIP_DESK = 'C0VIPDESK';
const VIP_ON_CALL = 'S0VIPONCALL';
const RULES = [{ when: { tags: ['vip', 'enterprise'] }, channel: VIP_DESK, mention: VIP_ON_CALL }];

let h: Harness;
const respond = new ResponseUrlStandIn();
useHarness((started) => (h = started), { respond, env: { ROUTING_RULES: JSON.stringify(RULES) } });

const ALICE = 'U0ALICE';

const rootOf = (channel: string, customerName: string) =>
  h.slack.calls().find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts && String(c.args.text).includes(customerName));
const tagsOf = async (id: string) => (await h.app.db.conversation.findUniqueOrThrow({ where: { id } })).tags;
const workspaceTags = async () => (await h.app.db.tag.findMany({ orderBy: { name: 'asc' } })).map((t) => t.name);

describe('the tags an alert carries', () => {
  it('routes the alert by a rule on one of its tags, calling the rule\'s user group, and shows the tags on the alert', async () => {
    const c = await openConversation(h, { tags: ['Enterprise', 'billing'] }, VIP_DESK);
    const blocks = JSON.stringify(rootOf(VIP_DESK, c.customerName)!.args.blocks);
    expect(blocks).toContain(`<!subteam^${VIP_ON_CALL}>`);
    expect(visibleText(rootOf(VIP_DESK, c.customerName)!.args.blocks)).toContain(':label: Enterprise · billing');
    expect(await tagsOf(c.id)).toEqual(['Enterprise', 'billing']);
    expect(await workspaceTags()).toEqual(expect.arrayContaining(['Enterprise', 'billing']));
  });

  it('keeps an alert whose tags no rule names in the alerts channel', async () => {
    const c = await openConversation(h, { tags: ['refund'] });
    expect(JSON.stringify(rootOf(ALERTS_CHANNEL, c.customerName)!.args.blocks)).not.toContain('subteam');
  });

  it('never lets a tag the platform sent ping, link or format anything, in the channel or on the App Home', async () => {
    const c = await openConversation(h, { customer: { name: 'Tess Tagged' }, tags: ['<!channel>', '<@U0ALICE>', '<https://evil.example|click>'] });
    expect(findPings(JSON.stringify(rootOf(ALERTS_CHANNEL, c.customerName)!.args.blocks))).toEqual([]);
    const home = await openHome(h, ALICE);
    expect(homeText(home)).toContain('Tess Tagged');
    expect(findPings(JSON.stringify(home))).toEqual([]);
  });

  it('writes a tag in the spelling the workspace already uses for it', async () => {
    const c = await openConversation(h, { tags: ['BILLING'] });
    expect(await tagsOf(c.id)).toEqual(['billing']);
    expect((await workspaceTags()).filter((t) => t.toLowerCase() === 'billing')).toEqual(['billing']);
  });

  it('adds the tags of a later alert to those the conversation has, taking none away', async () => {
    const first = await openConversation(h, { tags: ['refund'] });
    const modal = await pressForModal(h, { actionId: 'conversation_tag', value: first.id, userId: ALICE, rootTs: first.rootTs, responseUrl: respond.url });
    await submitView(h, modal, ALICE, tagValues(['refund'], 'escalated'));
    await waitUntil(async () => (await tagsOf(first.id)).includes('escalated'));

    const again = await h.platformRequest('/api/v1/handoffs', { conversationId: first.externalId, reason: 'frustration', tags: ['Refund', 'late-delivery'] });
    expect(again.status).toBe(202);
    await waitUntil(async () => (await tagsOf(first.id)).includes('late-delivery'));
    expect(await tagsOf(first.id)).toEqual(['refund', 'escalated', 'late-delivery']);
    expect(await workspaceTags()).toContain('late-delivery');
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === first.rootTs && JSON.stringify(c.args.blocks).includes('late-delivery'));
  });

  it('finds a conversation by a tag its alert carried, with /handoff search and the App Home filter', async () => {
    const c = await openConversation(h, { customer: { name: 'Paula Parcel' }, tags: ['lost-parcel'] });
    const found = await listedBy(h, respond, { userId: ALICE, text: 'search lost-parcel' });
    expect(found.rows.map((r) => r.name)).toEqual([c.customerName]);

    const home = await openHome(h, ALICE);
    const filtered = await pressAndWait(h, home, ALICE, { actionId: 'home_filter_tag', selected: 'lost-parcel' });
    expect(homeText(filtered)).toContain('Paula Parcel');
    // The conversations tagged otherwise, waiting too, are left out.
    expect(homeTabs(filtered).tabs).toContain('Unassigned (1)');
  });
});
