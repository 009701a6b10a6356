import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';
import { interactionBody } from './slack-signing';
import { APP_ID, TEAM_ID } from './slack-stand-in';
import { waitForSettled } from './settle';
import { sendEvent } from './slack-user';

// A person and Handoff's Home tab, as Slack sends it: the app_home_opened event, and presses on the view
// Handoff published (block_actions with the view, no channel and no response_url).

export interface PublishedHome {
  id: string;
  hash: string;
  type: 'home';
  private_metadata: string;
  blocks: Record<string, unknown>[];
}

function publishesFor(h: Harness, userId: string) {
  return h.slack.calls('views.publish').filter((c) => c.args.user_id === userId && c.status === 200 && c.response.ok === true);
}

// The Home published for `userId` after the `seen` ones already published, as Slack stored it.
export async function nextHome(h: Harness, userId: string, seen: number): Promise<PublishedHome> {
  const calls = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === userId && c.response.ok === true, undefined, seen + 1);
  return (calls[seen]!.response as { view: PublishedHome }).view;
}

// Opens the Home tab (with the view Slack holds for the person, if any) and waits for the Home published for it.
// Handoff first finishes what it was doing, so the Home published next is this one, not a refresh it owed
// for an earlier change.
export async function openHome(h: Harness, userId: string, opts: { teamId?: string; view?: PublishedHome } = {}): Promise<PublishedHome> {
  await waitForSettled(h);
  const seen = publishesFor(h, userId).length;
  await sendEvent(
    h,
    { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: `${Date.now() / 1000}`, ...(opts.view ? { view: opts.view } : {}) },
    { teamId: opts.teamId },
  );
  return nextHome(h, userId, seen);
}

export type HomeAction = { actionId: string; value: string } | { actionId: string; selected: string };

let clicks = 0;

// Presses a button (or picks an option) on the Home; resolves once Slack got its answer.
export async function pressOnHome(h: Harness, view: PublishedHome, userId: string, action: HomeAction, teamId = TEAM_ID): Promise<void> {
  const element = 'value' in action
    ? { type: 'button', action_id: action.actionId, value: action.value }
    : { type: 'static_select', action_id: action.actionId, selected_option: { value: action.selected, text: { type: 'plain_text', text: action.selected } } };
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: APP_ID,
    token: 'unused',
    container: { type: 'view', view_id: view.id },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    team: { id: teamId, domain: teamId.toLowerCase() },
    is_enterprise_install: false,
    view: { ...view, team_id: teamId, state: { values: {} } },
    actions: [{ ...element, block_id: 'home', action_ts: `${Math.floor(Date.now() / 1000)}.${String(++clicks).padStart(6, '0')}` }],
  };
  const res = await h.slackRequest(interactionBody(payload));
  if (res.status !== 200) throw new Error(`Home press refused: ${res.status} ${await res.text()}`);
}

// Presses and waits for the Home shown after it (once Handoff has finished what it was doing, as openHome).
export async function pressAndWait(h: Harness, view: PublishedHome, userId: string, action: HomeAction, teamId = TEAM_ID): Promise<PublishedHome> {
  await waitForSettled(h);
  const seen = publishesFor(h, userId).length;
  await pressOnHome(h, view, userId, action, teamId);
  return nextHome(h, userId, seen);
}

// What a person reads on their Home: every text in its blocks.
export function homeText(view: PublishedHome): string {
  return JSON.stringify(view.blocks);
}

// The tabs as they read, e.g. ["Mine (1)", "Unassigned (2)", …], and which one is chosen.
export function homeTabs(view: PublishedHome): { tabs: string[]; chosen: string | undefined } {
  const block = view.blocks.find((b) => b.block_id === 'home_queues') as { elements: { text: { text: string }; style?: string }[] };
  return { tabs: block.elements.map((e) => e.text.text), chosen: block.elements.find((e) => e.style === 'primary')?.text.text };
}
