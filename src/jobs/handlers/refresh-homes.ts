import type { Database } from '../../db/client';
import { recentHomeViewers } from '../../db/repositories/home-viewers';
import { homeOpenSince } from '../../domain/home-queues';
import type { Logger } from '../../logger';
import { parseHomeState } from '../../slack/blocks/home-view';
import { publishHome } from '../../slack/home/publish-home';
import type { SlackWorkspace } from '../../workspaces/tenancy';
import type { JobPayload } from '../definitions';

export interface RefreshHomesDeps {
  db: Database;
  workspaces: { ofId(workspaceId: string): Promise<SlackWorkspace> };
  logger: Logger;
}

// A conversation changed: everyone who has their Home open sees it again as it is now, on the tab they left it
// on. One person's Home that Slack refuses does not keep the others stale; they see theirs fresh when they
// next open it, so a refresh that failed is only logged.
export async function refreshHomes(deps: RefreshHomesDeps, { workspaceId }: JobPayload<'refreshHomes'>): Promise<void> {
  const viewers = await recentHomeViewers(deps.db, workspaceId, homeOpenSince(new Date()));
  if (viewers.length === 0) return;
  const workspace = await deps.workspaces.ofId(workspaceId);
  const homeDeps = { db: deps.db, slack: workspace.slack, logger: deps.logger };
  for (const viewer of viewers) {
    const state = parseHomeState(JSON.stringify(viewer.state));
    await publishHome(homeDeps, workspace.tenancy, viewer.userId, state, { byPerson: false }).catch((err: unknown) =>
      deps.logger.warn({ err, user: viewer.userId }, 'could not refresh an App Home after a change'),
    );
  }
}
