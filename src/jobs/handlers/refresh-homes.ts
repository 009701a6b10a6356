import type { Database } from '../../db/client';
import { lastHomeShown, recentHomeViewers } from '../../db/repositories/home-viewers';
import { homeOpenSince } from '../../domain/home-queues';
import type { Logger } from '../../logger';
import { parseHomeState } from '../../slack/blocks/home-view';
import { publishHome } from '../../slack/home/publish-home';
import type { SlackPacer } from '../../slack/pacing/slack-pacer';
import { publishingHomes } from '../../slack/pacing/slack-paces';
import type { SlackWorkspace } from '../../workspaces/tenancy';
import type { JobPayload } from '../definitions';
import type { WorkQueue } from '../work-queue';
import { paced } from './slack-call';

export interface RefreshHomesDeps {
  db: Database;
  workspaces: { ofId(workspaceId: string): Promise<SlackWorkspace> };
  pacer: SlackPacer;
  work: WorkQueue;
  logger: Logger;
}

// A conversation changed: everyone who has their Home open is shown it again, each by a job of their own, so
// one Home Slack refuses is retried alone and every publish takes its turn in Slack's pace.
export async function refreshHomes(deps: RefreshHomesDeps, { workspaceId }: JobPayload<'refreshHomes'>): Promise<void> {
  const viewers = await recentHomeViewers(deps.db, workspaceId, homeOpenSince(new Date()));
  for (const userId of viewers) await deps.work.refreshHome(workspaceId, userId);
}

// One person's Home, as it is now, on the tab, page and filters it showed them last. What it showed is read
// once the publish's turn has come: read before the wait, a tab the person switched to meanwhile would be
// switched back.
export async function refreshHome(deps: RefreshHomesDeps, { workspaceId, userId }: JobPayload<'refreshHome'>): Promise<void> {
  if ((await lastHomeShown(deps.db, workspaceId, userId)) === null) return;
  const workspace = await deps.workspaces.ofId(workspaceId);
  const homeDeps = { db: deps.db, slack: workspace.slack, directory: workspace.directory, logger: deps.logger };
  await paced(deps.pacer, publishingHomes(workspaceId), async () => {
    const shown = await lastHomeShown(deps.db, workspaceId, userId);
    if (shown !== null) await publishHome(homeDeps, workspace.tenancy, userId, parseHomeState(JSON.stringify(shown)), { byPerson: false });
  });
}
