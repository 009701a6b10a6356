import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import { availabilityOf } from '../../db/repositories/availability';
import { homeCounts, homeQueuePage, medianFirstReply } from '../../db/repositories/home-queues';
import { rememberHomeShown } from '../../db/repositories/home-viewers';
import { knownTags } from '../../db/repositories/tags';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import { startOfDayIn, teamTimeZone } from '../../domain/business-hours';
import { closedSince, pageWithin, type HomeState } from '../../domain/home-queues';
import { knownCustomerTags } from '../../db/repositories/customers';
import { slackCall } from '../../jobs/handlers/slack-call';
import type { Logger } from '../../logger';
import { mayListConversations } from '../../services/conversation-lists';
import type { TeamDirectory } from '../../services/standing';
import type { Tenancy } from '../../workspaces/tenancy';
import { lastSettingsChange } from '../../db/repositories/workspace-settings';
import { settingsAuthority } from '../../services/workspace-settings';
import { buildHomeForOutsider, buildHomeView, type HomeSettings } from '../blocks/home-view';
import type { SlackMessage } from '../blocks/triage-messages';
import { withKeptPermalinks } from '../thread-permalink';

export interface HomeDeps {
  db: Database;
  slack: WebClient;
  directory: TeamDirectory;
  logger: Logger;
}

export interface PublishOptions {
  // What the person's last press came to, shown at the top.
  notice?: SlackMessage | null;
  // False for a refresh Handoff makes on its own after a change, true when the person opened or pressed.
  byPerson?: boolean;
}

// "Today" as the team's clock has it, the same for everyone who looks.
async function todaysMedianFirstReply(db: Database, workspaceId: string, now: Date): Promise<number | null> {
  const timeZone = teamTimeZone(await loadWorkspaceSettings(db, workspaceId));
  return medianFirstReply(db, workspaceId, startOfDayIn(now, timeZone));
}

// Shows one person their App Home as it is now: read from the database, rendered, published. Publishing the
// same state twice shows the same Home, so a retry does no harm.
export async function publishHome(deps: HomeDeps, tenancy: Tenancy, userId: string, state: HomeState, opts: PublishOptions = {}): Promise<void> {
  const { notice = null, byPerson = true } = opts;
  const [listing, settings] = await Promise.all([mayListConversations(deps, tenancy, userId), homeSettings(deps, tenancy, userId)]);
  if (!listing.allowed) {
    await slackCall('showing the App Home', () => deps.slack.views.publish({ user_id: userId, view: buildHomeForOutsider(settings, notice) }));
    // An admin outside the support team is shown a change of the settings, too.
    if (settings) await rememberHomeShown(deps.db, tenancy.workspaceId, userId, state, byPerson);
    return;
  }
  const now = new Date();
  const since = closedSince(now);
  const counts = await homeCounts(deps.db, tenancy.workspaceId, userId, state.filters, since);
  // The queue may have got shorter since the person chose a page.
  const shown: HomeState = { ...state, page: pageWithin(state.page, counts[state.queue]) };
  const [page, tags, customerTags, availability, median] = await Promise.all([
    homeQueuePage(deps.db, tenancy.workspaceId, userId, shown, since),
    knownTags(deps.db, tenancy.workspaceId),
    knownCustomerTags(deps.db, tenancy.workspaceId),
    availabilityOf(deps.db, tenancy.workspaceId, userId),
    todaysMedianFirstReply(deps.db, tenancy.workspaceId, now),
  ]);
  const conversations = await withKeptPermalinks(deps, tenancy.workspaceId, page, 'the App Home shows its row without one');
  const view = buildHomeView({
    viewerId: userId,
    state: shown,
    counts,
    medianFirstReplySeconds: median,
    conversations,
    knownTags: tags,
    knownCustomerTags: customerTags,
    online: availability.online,
    notice,
    now,
    settings,
  });
  await slackCall('showing the App Home', () => deps.slack.views.publish({ user_id: userId, view }));
  await rememberHomeShown(deps.db, tenancy.workspaceId, userId, shown, byPerson);
}

// The Settings button, only for those who may change the settings. Slack not saying who is an admin leaves
// the button off this once rather than the whole Home unshown.
async function homeSettings(deps: HomeDeps, tenancy: Tenancy, userId: string): Promise<HomeSettings | null> {
  try {
    if (!(await settingsAuthority(deps, tenancy, userId)).allowed) return null;
  } catch (err) {
    deps.logger.warn({ err, user: userId }, 'could not tell whether the person may change the settings; their Home shows no Settings button this time');
    return null;
  }
  return { lastChange: await lastSettingsChange(deps.db, tenancy.workspaceId) };
}
