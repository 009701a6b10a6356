import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { settingsToChange } from '../../../services/workspace-settings';
import type { Tenancy } from '../../../workspaces/tenancy';
import { parseHomeState } from '../../blocks/home-view';
import { buildSettingsModal } from '../../blocks/settings-modal';
import { mrkdwnSection } from '../../blocks/escape';
import { buildAuthorityDenied, buildTryAgain, type SlackMessage } from '../../blocks/triage-messages';
import { slackErrorCode } from '../../errors';
import { showHome } from '../show-home';

const TOO_SLOW = 'Slack took too long to open the settings. Press Settings again.';
const tooSlow = (): SlackMessage => ({ text: TOO_SLOW, blocks: [mrkdwnSection(`:hourglass: ${TOO_SLOW}`)] });

// Settings on the App Home opens the settings modal. Slack's trigger_id lasts three seconds, so Slack hears
// back at once and the modal opens straight after. The button is shown only to those who may change the
// settings; a press from anyone else (a forged payload, or a Home shown before they lost the right) gets the
// reason at the top of their Home instead.
export function homeSettings(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, body }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const state = parseHomeState(body.view?.private_metadata);
    let form;
    try {
      form = await settingsToChange(deps, tenancy, userId);
      if ('denied' in form) {
        await showHome(deps, tenancy, userId, state, buildAuthorityDenied(form.denied));
        return;
      }
      await deps.slack.views.open({ trigger_id: body.trigger_id, view: buildSettingsModal(form) });
    } catch (err) {
      const expired = slackErrorCode(err) === 'expired_trigger_id';
      if (!expired) deps.logger.error({ err, user: userId }, 'could not open the settings');
      await showHome(deps, tenancy, userId, state, expired ? tooSlow() : buildTryAgain());
    }
  };
}
