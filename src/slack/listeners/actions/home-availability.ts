import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { changeAvailability } from '../../../services/agent-availability';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseHomeState } from '../../blocks/home-view';
import { buildAuthorityDenied } from '../../blocks/triage-messages';
import { commitThenShowHome } from '../show-home';

const availability = z.enum(['online', 'offline']);

// Go online / Go offline at the top of the App Home: saved before Slack hears back, then the Home shows it.
export function homeAvailability(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const wanted = availability.safeParse(action.value);
    if (!wanted.success) {
      await ack();
      deps.logger.warn({ value: action.value }, 'an availability press carried neither online nor offline');
      return;
    }
    const userId = body.user.id;
    await commitThenShowHome(deps, tenancy, userId, parseHomeState(body.view?.private_metadata), ack, async () => {
      // The same rule as /handoff online: once the team is named by user groups, only its members go online.
      const authority = await changeAvailability(deps, tenancy, userId, wanted.data === 'online');
      return authority.allowed ? null : buildAuthorityDenied(authority.reason);
    });
  };
}
