import type { HomeState } from '../../domain/home-queues';
import type { RelayDeps } from '../../services/relay-agent-reply';
import type { Tenancy } from '../../workspaces/tenancy';
import { buildTryAgain, type SlackMessage } from '../blocks/triage-messages';
import { publishHome } from '../home/publish-home';

// A press on the App Home has no response_url and no channel to answer in: when the Home cannot be shown again,
// the person hears it in their direct messages with Handoff.
export async function showHome(deps: RelayDeps, tenancy: Tenancy, userId: string, state: HomeState, notice: SlackMessage | null = null): Promise<void> {
  try {
    await publishHome(deps, tenancy, userId, state, notice);
  } catch (err) {
    deps.logger.error({ err, user: userId }, 'could not show the App Home');
    await deps.slack.chat
      .postMessage({ channel: userId, ...buildTryAgain() })
      .catch((dmErr: unknown) => deps.logger.warn({ err: dmErr, user: userId }, 'could not tell the person their App Home failed'));
  }
}
