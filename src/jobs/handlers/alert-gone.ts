import { moveAlert } from '../../db/repositories/alert-moves';
import type { ConversationRow } from '../../db/repositories/conversations';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import { HandoffError } from '../../errors';
import { alertGoneReason } from '../../slack/errors';
import type { SlackJobDeps } from './sync-thread';

type Located = Pick<ConversationRow, 'id' | 'workspaceId' | 'slackChannelId' | 'slackThreadTs'>;

// Runs work against the alert's message or thread. When Slack says that message, thread or channel is gone,
// the conversation is posted as a new alert in the workspace's alerts channel and its thread synced there.
// When that channel is the one that is gone there is nowhere to move to; the posts stay stored and the
// error names the setting to fix.
export async function movingWhenGone(deps: SlackJobDeps, row: Located, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const gone = alertGoneReason(err);
    if (!gone) throw err;
    const { alertsChannel } = await loadWorkspaceSettings(deps.db, row.workspaceId);
    if (gone === 'channel_gone' && alertsChannel === row.slackChannelId) {
      throw new HandoffError(
        'slack_rejected',
        `Handoff cannot post in the alerts channel ${alertsChannel} (archived, deleted, or Handoff is not a member): invite @Handoff or set SLACK_ALERTS_CHANNEL to another channel`,
      );
    }
    const from = { channel: row.slackChannelId, ts: row.slackThreadTs };
    await moveAlert(deps.db, row.id, { from, to: alertsChannel, reason: gone, linkBack: gone === 'message_deleted' });
    await deps.work.syncThread(row.id, `moved-${from.channel}-${from.ts ?? 'unposted'}`);
  }
}
