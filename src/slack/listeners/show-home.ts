import type { HomeState } from '../../domain/home-queues';
import type { RelayDeps } from '../../services/relay-agent-reply';
import type { Tenancy } from '../../workspaces/tenancy';
import { buildTryAgain, type SlackMessage } from '../blocks/triage-messages';
import { publishHome } from '../home/publish-home';
import { commitThenAck } from './tell-privately';

// A press on the App Home has no response_url and no channel to answer in: when the Home cannot be shown again,
// the person hears it in their direct messages with Handoff.
export async function showHome(deps: RelayDeps, tenancy: Tenancy, userId: string, state: HomeState, notice: SlackMessage | null = null): Promise<void> {
  try {
    await publishHome(deps, tenancy, userId, state, { notice });
  } catch (err) {
    deps.logger.error({ err, user: userId }, 'could not show the App Home');
    await deps.slack.chat
      .postMessage({ channel: userId, ...buildTryAgain() })
      .catch((dmErr: unknown) => deps.logger.warn({ err: dmErr, user: userId }, 'could not tell the person their App Home failed'));
  }
}

// A Home press that changes something: committed before Slack hears back, then the Home is shown again, with
// what `work` returns (a refusal) or what went wrong as a notice at its top.
export async function commitThenShowHome(
  deps: RelayDeps,
  tenancy: Tenancy,
  userId: string,
  state: HomeState,
  ack: () => Promise<void>,
  work: () => Promise<SlackMessage | null>,
): Promise<void> {
  let shown = false;
  const withNotice = async (notice: SlackMessage) => {
    shown = true;
    await showHome(deps, tenancy, userId, state, notice);
  };
  await commitThenAck(deps, ack, withNotice, work);
  if (!shown) await showHome(deps, tenancy, userId, state);
}
