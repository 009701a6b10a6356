import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { changeAvailability } from '../../../services/change-availability';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseHomeState } from '../../blocks/home-view';
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
      await changeAvailability(deps.db, tenancy, userId, wanted.data);
      return null;
    });
  };
}
