import { loadSnapshot } from '../../db/repositories/conversations';
import { recordRootVersion } from '../../db/repositories/thread-posts';
import { HandoffError } from '../../errors';
import { buildAlertMessage } from '../../slack/blocks/alert-message';
import type { JobPayload } from '../definitions';
import { movingWhenGone } from './alert-gone';
import { refreshingRoot } from '../../slack/pacing/slack-paces';
import { pacedSlackCall } from './slack-call';
import { requestWork } from '../../services/request-work';
import type { SlackJobDeps } from './sync-thread';

// Renders the conversation as it is now, so updates that run late or out of order still show the latest state.
// Refreshes of one root are paced too: of several asked for together one calls Slack, and the others, woken
// after it, find the root already current and stop here. Whatever changed the root changed the App Homes that
// list the conversation too: asked for here, after every change, so the sweeper's re-asking covers them as well.
export async function updateRoot(deps: SlackJobDeps, { conversationId }: JobPayload<'updateRoot'>): Promise<void> {
  const loaded = await loadSnapshot(deps.db, conversationId);
  if (!loaded) throw new HandoffError('conversation_not_found', `conversation ${conversationId} is gone`);
  const { row, snapshot } = loaded;
  if (!row.slackThreadTs) throw new HandoffError('busy', 'the alert is not posted yet');
  if (row.rootVersion >= row.version) return;
  const root = buildAlertMessage(snapshot, new Date());
  // When the alert has to be posted again, it is posted as the conversation is now: nothing left to update.
  const slack = await deps.workspaces.slackFor(row.workspaceId);
  await movingWhenGone(deps, row, async () => {
    await pacedSlackCall(deps.pacer, refreshingRoot(row.workspaceId, row.slackChannelId, row.slackThreadTs!), 'updating the alert', () =>
      slack.chat.update({ channel: row.slackChannelId, ts: row.slackThreadTs!, ...root }),
    );
    await recordRootVersion(deps.db, conversationId, row.version);
  });
  await requestWork(deps.logger, [() => deps.work.refreshHomes(row.workspaceId)]);
}
