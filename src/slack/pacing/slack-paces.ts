import type { Pace } from './gcra';

// Which of Slack's limits a call counts against, named as its pace key (the pacer adds the prefix). Each
// workspace has limits of its own, so every key starts with the workspace.
export interface PaceKey {
  name: string;
  pace: Pace;
}

// Slack's documented limits (api.slack.com/apis/rate-limits): chat.postMessage about one a second per channel
// with short bursts; chat.update and reactions.add Tier 3, 50 a minute per workspace, sporadic bursts. Slack
// does not say how long a burst may be, so ours are short: a slot handed out a little early (jitter between
// workers and Slack) then lands in a burst Slack still takes, instead of a 429.
const POSTING: Pace = { intervalMs: 1000, burst: 2 };
const TIER_3: Pace = { intervalMs: 60_000 / 50, burst: 4 };
// Root refreshes of one alert collapse into at most one a second: jobs for versions 3, 4 and 5 that arrive
// together make one chat.update of the latest; the others wake later and find the root already current.
const ROOT_REFRESH: Pace = { intervalMs: 1000, burst: 1 };

export const postingIn = (workspaceId: string, channel: string): PaceKey[] => [{ name: `${workspaceId}:chat.postMessage:${channel}`, pace: POSTING }];
export const updating = (workspaceId: string): PaceKey[] => [{ name: `${workspaceId}:chat.update`, pace: TIER_3 }];
export const refreshingRoot = (workspaceId: string, channel: string, ts: string): PaceKey[] => [
  ...updating(workspaceId),
  { name: `${workspaceId}:chat.update:${channel}:${ts}`, pace: ROOT_REFRESH },
];
// views.publish is Tier 4 (100 a minute per workspace); Homes refreshed after a change take their turn, while a
// Home a person asked for is published at once.
const TIER_4: Pace = { intervalMs: 60_000 / 100, burst: 4 };

export const publishingHomes = (workspaceId: string): PaceKey[] => [{ name: `${workspaceId}:views.publish`, pace: TIER_4 }];
export const reacting = (workspaceId: string): PaceKey[] => [{ name: `${workspaceId}:reactions.add`, pace: TIER_3 }];
