import { disconnectWorkspace, type ConnectionDeps } from '../../../services/workspace-connections';
import type { SlackEventHandlers } from '../../inbox/slack-inbox';

interface RawTokensRevoked {
  tokens?: { bot?: unknown[] };
}

// Slack's word that Handoff was removed from a workspace, or lost its bot token there. Handled even when the
// workspace is unknown or its tokens are gone already, since they need none.
export function workspaceLifecycle(deps: ConnectionDeps, slackTeamId: string): SlackEventHandlers {
  return {
    app_uninstalled: { wants: () => true, handle: () => disconnectWorkspace(deps, slackTeamId, 'app_uninstalled') },
    tokens_revoked: {
      // A user token revoked leaves the bot working.
      wants: (event) => ((event as RawTokensRevoked).tokens?.bot?.length ?? 0) > 0,
      handle: () => disconnectWorkspace(deps, slackTeamId, 'tokens_revoked'),
    },
  };
}
