import type { ActionsBlock, Button, HomeView, SectionBlock, StaticSelect } from '@slack/types';
import type { Status } from '../../../src/domain/conversation';
import { FIRST_HOME, HOME_PAGE_SIZE, type HomeConversation, type HomeCounts, type HomeState } from '../../../src/domain/home-queues';
import { buildHomeForOutsider, buildHomeView, homeStateAfter, parseHomeState, type HomeViewInput } from '../../../src/slack/blocks/home-view';
import { mrkdwnSection } from '../../../src/slack/blocks/escape';
import { HOME_ACTIONS } from '../../../src/slack/ids';
import { viewProblems } from '../../helpers/block-kit';
import { findPings } from '../../helpers/slack-pings';
import { blockTexts } from '../../helpers/block-text';

const NOW = new Date('2026-12-03T12:00:00Z');
const VIEWER = 'U0VIEWER';
const NO_COUNTS: HomeCounts = { mine: 0, unassigned: 0, open: 0, ai: 0, closed: 0 };

let serial = 0;
function conversation(patch: Partial<HomeConversation> = {}): HomeConversation {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    customerName: `Customer ${serial}`,
    reason: 'frustration',
    priority: 'high',
    status: 'waiting',
    assigneeId: null,
    tags: [],
    channelType: 'web',
    createdAt: new Date(NOW.getTime() - 2 * 60 * 60_000),
    lastCustomerMessageAt: new Date(NOW.getTime() - 5 * 60_000),
    slackChannelId: 'C0ALERTS',
    slackThreadTs: `1700000000.${String(serial).padStart(6, '0')}`,
    permalink: `https://acme.slack.com/archives/C0ALERTS/p1700000000${String(serial).padStart(6, '0')}`,
    ...patch,
  };
}

function home(patch: Partial<HomeViewInput> = {}): HomeView {
  return buildHomeView({
    viewerId: VIEWER,
    state: FIRST_HOME,
    counts: NO_COUNTS,
    medianFirstReplySeconds: null,
    conversations: [],
    knownTags: [],
    knownCustomerTags: [],
    online: false,
    notice: null,
    now: NOW,
    settings: null,
    ...patch,
  });
}

const text = (view: HomeView) => JSON.stringify(view.blocks);
const actions = (view: HomeView) => view.blocks.filter((b): b is ActionsBlock => b.type === 'actions');
const buttons = (view: HomeView) => actions(view).flatMap((b) => b.elements.filter((e): e is Button => e.type === 'button'));
const sections = (view: HomeView) => view.blocks.filter((b): b is SectionBlock => b.type === 'section');
// The conversations' rows, as they read.
const rowLines = (view: HomeView) => blockTexts(view.blocks.filter((b) => b.type === 'rich_text')).filter((t) => t.includes('Opened'));

function pageOf(total: number, page: number): HomeView {
  const state: HomeState = { ...FIRST_HOME, page };
  const onPage = Math.min(HOME_PAGE_SIZE, total - (page - 1) * HOME_PAGE_SIZE);
  return home({ state, counts: { ...NO_COUNTS, unassigned: total }, conversations: Array.from({ length: onPage }, () => conversation()) });
}

describe('the App Home view', () => {
  it('says so when the chosen queue is empty, and shows a dash for a day without replies', () => {
    const view = home();
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain('Nobody is waiting for an agent.');
    expect(text(view)).toContain('Median first reply today: *–*');
    expect(buttons(view).map((b) => b.action_id)).not.toContain(HOME_ACTIONS.nextPage);
  });

  it('shows the queues as tabs with their counts, the chosen one highlighted, and the median first reply', () => {
    const view = home({ state: { ...FIRST_HOME, queue: 'open' }, counts: { mine: 1, unassigned: 2, open: 3, ai: 4, closed: 5 }, medianFirstReplySeconds: 270 });
    expect(viewProblems(view)).toEqual([]);
    const tabs = buttons(view).filter((b) => b.action_id?.startsWith(HOME_ACTIONS.queuePrefix));
    expect(tabs.map((t) => [t.text.text, t.style ?? null])).toEqual([
      ['Mine (1)', null], ['Unassigned (2)', null], ['Open (3)', 'primary'], ['With AI (4)', null], ['Closed (5)', null],
    ]);
    expect(text(view)).toContain('Median first reply today: *4m*');
  });

  it('shows a row for a conversation in each state, with Take over where it can be taken and a link to its thread', () => {
    const states: Status[] = ['waiting', 'human', 'ai', 'closed'];
    const rows = states.map((status) => conversation({ status, assigneeId: status === 'human' ? 'U0ALICE' : null, tags: ['billing'] }));
    const view = home({ state: { ...FIRST_HOME, queue: 'open' }, conversations: [...rows, conversation({ status: 'human', assigneeId: VIEWER })] });
    expect(viewProblems(view)).toEqual([]);
    const lines = rowLines(view);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain(':rage: Customer');
    expect(lines[0]).toContain(':red_circle: High priority');
    expect(lines[0]).toContain('Opened 2h 0m ago · customer wrote 5m ago · Unassigned · Web chat');
    expect(lines[1]).toContain('<@U0ALICE>');
    expect(lines[0]).toContain(':label: billing');
    const rowActions = actions(view).filter((b) => b.block_id?.startsWith('home_row_'));
    const labels = rowActions.map((b) => b.elements.map((e) => (e as Button).text.text));
    // Yours already, or closed: nothing to take over.
    expect(labels).toEqual([['Take over', 'Open thread'], ['Take over', 'Open thread'], ['Take over', 'Open thread'], ['Open thread'], ['Open thread']]);
    const open = rowActions[0]!.elements[1] as Button;
    expect(open).toMatchObject({ action_id: HOME_ACTIONS.openThread, url: rows[0]!.permalink });
    expect((rowActions[0]!.elements[0] as Button).value).toBe(rows[0]!.id);
  });

  it('leaves the thread link out until the alert is in Slack', () => {
    const view = home({ conversations: [conversation({ slackThreadTs: null, permalink: null })] });
    expect(viewProblems(view)).toEqual([]);
    expect(buttons(view).map((b) => b.text.text)).not.toContain('Open thread');
  });

  it('pages 500 conversations: Next on the first page, both in the middle, Previous on the last', () => {
    const first = pageOf(500, 1);
    const middle = pageOf(500, 13);
    const last = pageOf(500, 25);
    for (const view of [first, middle, last]) {
      expect(viewProblems(view)).toEqual([]);
      expect(rowLines(view)).toHaveLength(HOME_PAGE_SIZE);
    }
    const paging = (view: HomeView) => buttons(view).filter((b) => b.action_id === HOME_ACTIONS.previousPage || b.action_id === HOME_ACTIONS.nextPage).map((b) => [b.text.text, b.value]);
    expect(paging(first)).toEqual([['Next', '2']]);
    expect(paging(middle)).toEqual([['Previous', '12'], ['Next', '14']]);
    expect(paging(last)).toEqual([['Previous', '24']]);
    expect(text(middle)).toContain('Page 13 of 25 · 500 conversations');
  });

  it('shows a customer name that tries to ping, format or link literally, in our bold', () => {
    const hostile = '<!channel> *bold* <https://x|y>';
    const view = home({ conversations: [conversation({ customerName: hostile, tags: ['<!here>'] })], knownTags: ['<!here>'] });
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain('{"type":"text","text":"(!channel) *bold* (https://x|y)","style":{"bold":true}}');
    expect(rowLines(view)[0]).toContain(':label: (!here)');
    expect(findPings(text(view), [])).toEqual([]);
  });

  it('keeps the queue, page and filters in private_metadata and offers the filters with the chosen ones selected', () => {
    const state: HomeState = { queue: 'closed', page: 3, filters: { tag: 'billing', customerTag: null, channelType: 'whatsapp', priority: 'urgent' } };
    const view = home({ state, knownTags: ['refund'] });
    expect(viewProblems(view)).toEqual([]);
    expect(parseHomeState(view.private_metadata)).toEqual(state);
    const selects = actions(view).flatMap((b) => b.elements.filter((e): e is StaticSelect => e.type === 'static_select'));
    expect(selects.map((s) => s.initial_option?.text.text)).toEqual(['billing', 'WhatsApp', 'Urgent']);
    expect(selects[0]!.options!.map((o) => o.text.text)).toEqual(['Any tag', 'billing', 'refund']);
  });

  it('offers a customer tag filter once the team has tagged a customer, and keeps the chosen one', () => {
    const filterIds = (view: HomeView) => actions(view).flatMap((b) => b.elements.map((e) => (e as StaticSelect).action_id));
    expect(filterIds(home())).not.toContain(HOME_ACTIONS.filterCustomerTag);
    const state: HomeState = { ...FIRST_HOME, filters: { ...FIRST_HOME.filters, customerTag: 'VIP' } };
    const view = home({ state, knownCustomerTags: ['frequent buyer'] });
    expect(viewProblems(view)).toEqual([]);
    expect(parseHomeState(view.private_metadata)).toEqual(state);
    const select = actions(view).flatMap((b) => b.elements).find((e) => (e as StaticSelect).action_id === HOME_ACTIONS.filterCustomerTag) as StaticSelect;
    expect(select.initial_option?.text.text).toBe('VIP');
    expect(select.options!.map((o) => o.text.text)).toEqual(['Any customer tag', 'VIP', 'frequent buyer']);
    expect(homeStateAfter(FIRST_HOME, { actionId: HOME_ACTIONS.filterCustomerTag, value: 'VIP' }).filters.customerTag).toBe('VIP');
  });

  it('reads a Home shown before customer tags existed as filtering by none', () => {
    const older = JSON.stringify({ queue: 'open', page: 2, filters: { tag: null, channelType: null, priority: null } });
    expect(parseHomeState(older)).toEqual({ queue: 'open', page: 2, filters: { tag: null, customerTag: null, channelType: null, priority: null } });
  });

  it('starts over from the unassigned queue when the view carries no state it understands', () => {
    expect(parseHomeState(undefined)).toEqual(FIRST_HOME);
    expect(parseHomeState('not json')).toEqual(FIRST_HOME);
    expect(parseHomeState(JSON.stringify({ queue: 'everything', page: 1 }))).toEqual(FIRST_HOME);
  });

  it('offers the availability toggle and shows a notice at the top', () => {
    const view = home({ online: true, notice: { text: 'Refused', blocks: [mrkdwnSection('Refused')] } });
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks[1]).toMatchObject({ text: { text: 'Refused' } });
    const toggle = sections(view).flatMap((b) => (b.accessory ? [b.accessory] : [])).find((a) => 'action_id' in a && a.action_id === HOME_ACTIONS.availability);
    expect(toggle).toMatchObject({ value: 'offline', text: { text: 'Go offline' } });
  });

  it('turns a tab, page or filter press into what the Home shows next, back on page 1 after a new tab or filter', () => {
    const on3: HomeState = { ...FIRST_HOME, page: 3 };
    expect(homeStateAfter(on3, { actionId: 'home_queue_closed', value: 'closed' })).toEqual({ ...FIRST_HOME, queue: 'closed' });
    expect(homeStateAfter(on3, { actionId: HOME_ACTIONS.nextPage, value: '4' })).toEqual({ ...FIRST_HOME, page: 4 });
    expect(homeStateAfter(on3, { actionId: HOME_ACTIONS.filterPriority, value: 'urgent' }).filters.priority).toBe('urgent');
    expect(homeStateAfter(on3, { actionId: HOME_ACTIONS.filterTag, value: 'a%3Cb%3E' }).filters.tag).toBe('a<b>');
    const filtered = homeStateAfter(on3, { actionId: HOME_ACTIONS.filterChannel, value: 'sms' });
    expect(filtered).toEqual({ ...FIRST_HOME, filters: { ...FIRST_HOME.filters, channelType: 'sms' } });
    expect(homeStateAfter(filtered, { actionId: HOME_ACTIONS.filterChannel, value: '*' }).filters.channelType).toBeNull();
    // Nothing the view offered: nothing changes.
    expect(homeStateAfter(on3, { actionId: 'home_queue_everything', value: 'everything' })).toBe(on3);
    expect(homeStateAfter(on3, { actionId: HOME_ACTIONS.filterChannel, value: 'fax' })).toBe(on3);
    expect(homeStateAfter(on3, { actionId: HOME_ACTIONS.nextPage, value: 'x' })).toBe(on3);
  });

  it('tells someone outside the support team that the queues are not for them', () => {
    const view = buildHomeForOutsider();
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain("Handoff's queues are for the support team.");
  });

  it('shows the Settings button only to someone who may change the settings, with the last change', () => {
    const settingsButtons = (view: HomeView) =>
      sections(view).filter((b) => b.accessory?.type === 'button' && (b.accessory as Button).action_id === HOME_ACTIONS.settings);
    expect(settingsButtons(home())).toEqual([]);

    const never = home({ settings: { lastChange: null } });
    expect(viewProblems(never)).toEqual([]);
    expect(settingsButtons(never)).toHaveLength(1);

    const at = new Date('2026-12-03T11:00:00Z');
    // A full page too: the entry keeps the Home within Slack's 100 blocks.
    const withChange = home({
      counts: { ...NO_COUNTS, unassigned: 500 },
      conversations: Array.from({ length: HOME_PAGE_SIZE }, () => conversation()),
      settings: { lastChange: { userId: 'U0ADMIN', at, settings: ['businessHours', 'routingRules'] } },
    });
    expect(viewProblems(withChange)).toEqual([]);
    const [entry] = settingsButtons(withChange);
    expect(entry!.text!.text).toBe(`:gear: Settings changed by <@U0ADMIN> <!date^${at.getTime() / 1000}^{date_short_pretty} at {time}|2026-12-03 11:00 UTC> (business hours, routing rules).`);
  });

  it('shows an admin outside the support team the Settings button and a notice', () => {
    const refused = { text: 'No.', blocks: [mrkdwnSection(':no_entry: No.')] };
    const view = buildHomeForOutsider({ lastChange: null }, refused);
    expect(viewProblems(view)).toEqual([]);
    expect(text(view)).toContain(':no_entry: No.');
    expect(text(view)).toContain(HOME_ACTIONS.settings);
    expect(text(buildHomeForOutsider())).not.toContain(HOME_ACTIONS.settings);
  });
});
