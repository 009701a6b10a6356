import type { ActionsBlock, Button, HomeView, KnownBlock, PlainTextOption, StaticSelect } from '@slack/types';
import { z } from 'zod';
import { CHANNEL_TYPES, PRIORITIES, type Priority } from '../../domain/conversation';
import { CLOSED_RECENTLY_DAYS, FIRST_HOME, HOME_QUEUES, pageCount, type HomeConversation, type HomeCounts, type HomeQueue, type HomeState } from '../../domain/home-queues';
import type { SettingsChange, TeamSetting } from '../../domain/workspace-settings';
import { HOME_ACTIONS, SAVED_REPLY_ACTIONS } from '../ids';
import { CHANNEL, PRIORITY, REASON, duration } from './alert-message';
import { httpUrl, mrkdwnContext, mrkdwnSection } from './escape';
import { mention, slackDateTime } from './mention';
import { bold, emoji, literal, richText, user, words, type Leaf } from './rich-text';
import { PRIORITY_LABEL, customerLabel, fitsAsOption, option, plain, tagOfValue, tagOption } from './triage-modals';
import type { SlackMessage } from './triage-messages';

export interface HomeViewInput {
  viewerId: string;
  state: HomeState;
  counts: HomeCounts;
  // Today's median time to the first human reply, in seconds; null when nobody has replied yet today.
  medianFirstReplySeconds: number | null;
  // The page of the chosen queue.
  conversations: HomeConversation[];
  // The workspace's tags, offered as a filter.
  knownTags: string[];
  // And its customers' tags.
  knownCustomerTags: string[];
  online: boolean;
  // What the person's last press came to, when it did not go as asked (a refusal, a failure).
  notice: SlackMessage | null;
  now: Date;
  // For someone who may change the workspace's settings; null for everyone else, who never sees the button.
  settings: HomeSettings | null;
}

export interface HomeSettings {
  lastChange: SettingsChange | null;
}

const SETTING_LABEL: Record<TeamSetting, string> = {
  firstResponseTargets: 'response times',
  idleCloseSeconds: 'idle close',
  businessHours: 'business hours',
  timeZone: 'time zone',
  autoAssign: 'auto-assign',
  agentChatLimit: 'chat limit',
  agentsUserGroup: "agents' group",
  supervisorsUserGroup: "supervisors' group",
  routingRules: 'routing rules',
};

const TAB: Record<HomeQueue, string> = { mine: 'Mine', unassigned: 'Unassigned', open: 'Open', ai: 'With AI', closed: 'Closed' };

const EMPTY: Record<HomeQueue, string> = {
  mine: 'Nothing assigned to you right now.',
  unassigned: 'Nobody is waiting for an agent.',
  open: 'No conversation is with an agent right now.',
  ai: 'No conversation is back with the AI.',
  closed: `Nothing closed in the last ${CLOSED_RECENTLY_DAYS} days.`,
};

// A tag longer than the tag picker allows (50) cannot be an option: Slack limits an option's value.
const MAX = { tags: 5, tag: 40, tagOption: 50, tagOptions: 99, link: 1_000 } as const;
const ANY = '*';

const metadataSchema = z.object({
  queue: z.enum(HOME_QUEUES),
  page: z.number().int().min(1),
  filters: z.object({
    tag: z.string().max(MAX.tagOption).nullable(),
    // Absent from Homes shown before customer tags existed.
    customerTag: z.string().max(MAX.tagOption).nullable().default(null),
    channelType: z.enum(CHANNEL_TYPES).nullable(),
    priority: z.enum(PRIORITIES).nullable(),
  }),
});

// The Home the person is looking at, as the view carries it; a view from an older release (or none) starts over.
export function parseHomeState(privateMetadata: string | undefined): HomeState {
  if (!privateMetadata) return FIRST_HOME;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : FIRST_HOME;
  } catch {
    return FIRST_HOME;
  }
}

// What a tab, page or filter press asks the Home to show next. A value the view never offered changes nothing.
export function homeStateAfter(state: HomeState, press: { actionId: string; value: string | undefined }): HomeState {
  const { actionId, value } = press;
  const chosen = !value || value === ANY ? null : value;
  const filtered = (filters: Partial<HomeState['filters']>): HomeState => ({ ...state, page: 1, filters: { ...state.filters, ...filters } });
  if (actionId.startsWith(HOME_ACTIONS.queuePrefix)) {
    const queue = z.enum(HOME_QUEUES).safeParse(value);
    return queue.success ? { ...state, queue: queue.data, page: 1 } : state;
  }
  switch (actionId) {
    case HOME_ACTIONS.previousPage:
    case HOME_ACTIONS.nextPage: {
      const page = z.coerce.number().int().min(1).safeParse(value);
      return page.success ? { ...state, page: page.data } : state;
    }
    case HOME_ACTIONS.filterTag:
      return filtered({ tag: chosen === null ? null : tagOfValue(chosen) });
    case HOME_ACTIONS.filterCustomerTag:
      return filtered({ customerTag: chosen === null ? null : tagOfValue(chosen) });
    case HOME_ACTIONS.filterChannel: {
      const channelType = offered(CHANNEL_TYPES, chosen);
      return channelType === undefined ? state : filtered({ channelType });
    }
    case HOME_ACTIONS.filterPriority: {
      const priority = offered(PRIORITIES, chosen);
      return priority === undefined ? state : filtered({ priority });
    }
    default:
      return state;
  }
}

// A select's choice: null for "any", undefined for a value it never offered.
function offered<T extends string>(values: readonly T[], chosen: string | null): T | null | undefined {
  if (chosen === null) return null;
  return values.find((v) => v === chosen);
}

// The App Home: availability, the queues as tabs with their counts, filters, and a page of conversations.
export function buildHomeView(input: HomeViewInput): HomeView {
  const { state, counts } = input;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Handoff') },
    ...(input.notice?.blocks ?? []),
    availability(input.online),
    ...settingsEntry(input.settings),
    mrkdwnContext(summary(counts, input.medianFirstReplySeconds)),
    { type: 'actions', block_id: 'home_queues', elements: HOME_QUEUES.map((q) => tab(q, counts[q], q === state.queue)) },
    filters(state, input.knownTags, input.knownCustomerTags),
    // The team's saved replies, managed here as with /handoff replies.
    { type: 'actions', block_id: 'home_tools', elements: [{ type: 'button', text: plain('Saved replies'), action_id: SAVED_REPLY_ACTIONS.manage, value: 'manage' }] },
    { type: 'divider' },
  ];
  if (input.conversations.length === 0) blocks.push(mrkdwnSection(EMPTY[state.queue]));
  for (const c of input.conversations) blocks.push(...row(c, input.viewerId, input.now));
  blocks.push(...paging(state, counts[state.queue]));
  return { type: 'home', private_metadata: JSON.stringify(state), blocks };
}

// For someone in the workspace who is not on the support team, once the workspace has named its agents.
// A workspace admin need not be on the support team, and still finds the settings here.
export function buildHomeForOutsider(settings: HomeSettings | null = null, notice: SlackMessage | null = null): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('Handoff') },
      ...(notice?.blocks ?? []),
      mrkdwnSection(":lock: Handoff's queues are for the support team. Ask a workspace admin to add you to its agents' user group."),
      ...settingsEntry(settings),
    ],
  };
}

function settingsEntry(settings: HomeSettings | null): KnownBlock[] {
  if (!settings) return [];
  const change = settings.lastChange;
  const what = change && (change.settings.length > 0 ? change.settings.map((s) => SETTING_LABEL[s]).join(', ') : 'nothing changed');
  const text = change
    ? `:gear: Settings changed by ${mention(change.userId, 'someone')} ${slackDateTime(change.at)} (${what}).`
    : ":gear: This workspace's response times, business hours, assigning and routing.";
  const button: Button = { type: 'button', text: plain('Settings'), action_id: HOME_ACTIONS.settings, value: 'open' };
  return [{ type: 'section', block_id: 'home_settings', text: { type: 'mrkdwn', text }, accessory: button }];
}

function availability(online: boolean): KnownBlock {
  const text = online ? ':large_green_circle: You are *online*: new conversations can come to you.' : ':white_circle: You are *offline*.';
  const button: Button = {
    type: 'button',
    text: plain(online ? 'Go offline' : 'Go online'),
    action_id: HOME_ACTIONS.availability,
    value: online ? 'offline' : 'online',
    ...(online ? {} : { style: 'primary' as const }),
  };
  return { type: 'section', text: { type: 'mrkdwn', text }, accessory: button };
}

function summary(counts: HomeCounts, median: number | null): string {
  const tabs = HOME_QUEUES.map((q) => `${TAB[q]} *${counts[q]}*`).join(' · ');
  return `${tabs} · Median first reply today: *${median === null ? '–' : duration(median * 1000)}*`;
}

function tab(queue: HomeQueue, count: number, selected: boolean): Button {
  return {
    type: 'button',
    text: plain(`${TAB[queue]} (${count})`),
    action_id: `${HOME_ACTIONS.queuePrefix}${queue}`,
    value: queue,
    ...(selected ? { style: 'primary' as const } : {}),
  };
}

function filters(state: HomeState, knownTags: string[], knownCustomerTags: string[]): ActionsBlock {
  const { tag, customerTag, channelType, priority } = state.filters;
  // Only once the team has tagged a customer, so a workspace that never does sees no empty filter.
  const byCustomer = customerTag !== null || knownCustomerTags.length > 0;
  return {
    type: 'actions',
    block_id: 'home_filters',
    elements: [
      tagSelect(HOME_ACTIONS.filterTag, 'Any tag', tag, knownTags),
      ...(byCustomer ? [tagSelect(HOME_ACTIONS.filterCustomerTag, 'Any customer tag', customerTag, knownCustomerTags)] : []),
      select(HOME_ACTIONS.filterChannel, 'Any channel', CHANNEL_TYPES.map((t) => option(CHANNEL[t], t)), channelType && option(CHANNEL[channelType], channelType)),
      select(HOME_ACTIONS.filterPriority, 'Any priority', PRIORITIES.map((p) => option(PRIORITY_LABEL[p], p)), priority && option(PRIORITY_LABEL[priority], priority)),
    ],
  };
}

// The chosen tag stays on the list, whatever else is offered.
function tagSelect(actionId: string, anyLabel: string, chosen: string | null, known: string[]): StaticSelect {
  const tags = [...new Set([...(chosen === null ? [] : [chosen]), ...known])].filter(fitsAsOption).slice(0, MAX.tagOptions);
  return select(actionId, anyLabel, tags.map(tagOption), chosen === null ? null : tagOption(chosen));
}

function select(actionId: string, anyLabel: string, options: PlainTextOption[], chosen: PlainTextOption | null): StaticSelect {
  const any = option(anyLabel, ANY);
  return { type: 'static_select', action_id: actionId, placeholder: plain(anyLabel), options: [any, ...options], initial_option: chosen ?? any };
}

function row(c: HomeConversation, viewerId: string, now: Date): KnownBlock[] {
  const assignee = c.assigneeId ? user(c.assigneeId, 'an agent') : words('Unassigned');
  const heard = c.lastCustomerMessageAt ? `customer wrote ${duration(now.getTime() - c.lastCustomerMessageAt.getTime())} ago` : 'no customer message yet';
  const text = [
    emoji(REASON[c.reason].emoji),
    words(' '),
    customerLabel(c.customerName),
    words(' · '),
    ...priority(c.priority),
    words(`\nOpened ${duration(now.getTime() - c.createdAt.getTime())} ago · ${heard} · `),
    assignee,
    words(` · ${CHANNEL[c.channelType]}`),
    ...tagLine(c.tags),
  ];
  const buttons = rowButtons(c, viewerId);
  const actions: ActionsBlock[] = buttons.length > 0 ? [{ type: 'actions', block_id: `home_row_${c.id}`, elements: buttons }] : [];
  return [richText(text), ...actions, { type: 'divider' }];
}

function priority(p: Priority): Leaf[] {
  const { emoji: icon, label, strong } = PRIORITY[p];
  return [...(icon ? [emoji(icon), words(' ')] : []), strong ? bold(label) : words(label)];
}

// The first few tags, so a conversation with dozens keeps its row short.
function tagLine(tags: string[]): Leaf[] {
  if (tags.length === 0) return [];
  const more = tags.length > MAX.tags ? ` · +${tags.length - MAX.tags} more` : '';
  const shown = tags.slice(0, MAX.tags).flatMap((t, i) => [...(i > 0 ? [words(' · ')] : []), literal(t, MAX.tag)]);
  return [words('\n'), emoji(':label:'), words(' '), ...shown, words(more)];
}

function rowButtons(c: HomeConversation, viewerId: string): Button[] {
  const buttons: Button[] = [];
  const yours = c.status === 'human' && c.assigneeId === viewerId;
  if (c.status !== 'closed' && !yours) buttons.push({ type: 'button', text: plain('Take over'), action_id: HOME_ACTIONS.takeOver, value: c.id, style: 'primary' });
  const url = c.permalink === null ? null : httpUrl(c.permalink, MAX.link);
  if (url) buttons.push({ type: 'button', text: plain('Open thread'), action_id: HOME_ACTIONS.openThread, value: c.id, url });
  return buttons;
}

function paging(state: HomeState, total: number): KnownBlock[] {
  const pages = pageCount(total);
  if (pages <= 1) return [];
  const buttons: Button[] = [];
  if (state.page > 1) buttons.push({ type: 'button', text: plain('Previous'), action_id: HOME_ACTIONS.previousPage, value: String(state.page - 1) });
  if (state.page < pages) buttons.push({ type: 'button', text: plain('Next'), action_id: HOME_ACTIONS.nextPage, value: String(state.page + 1) });
  return [mrkdwnContext(`Page ${state.page} of ${pages} · ${total} conversations`), { type: 'actions', block_id: 'home_pages', elements: buttons }];
}
