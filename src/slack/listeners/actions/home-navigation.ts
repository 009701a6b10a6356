import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import type { Tenancy } from '../../../workspaces/tenancy';
import { homeStateAfter, parseHomeState } from '../../blocks/home-view';
import { showHome } from '../show-home';

// A tab, a page or a filter on the App Home: nothing to commit, so Slack hears back at once and the Home is
// shown again from what the person was looking at.
export function homeNavigation(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, action, body }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const value = action.type === 'button' ? action.value : action.type === 'static_select' ? action.selected_option?.value : undefined;
    const state = homeStateAfter(parseHomeState(body.view?.private_metadata), { actionId: action.action_id, value });
    await showHome(deps, tenancy, body.user.id, state);
  };
}
