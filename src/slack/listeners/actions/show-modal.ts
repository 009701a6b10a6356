import type { ModalView } from '@slack/types';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { slackErrorCode } from '../../errors';

// Opens a modal for the click that asked for it. The click is only good for three seconds; past that the
// person is told to click again.
export async function showModal(deps: RelayDeps, triggerId: string, view: ModalView, answer: (message: { text: string }) => Promise<unknown>): Promise<void> {
  try {
    await deps.slack.views.open({ trigger_id: triggerId, view });
  } catch (err) {
    if (slackErrorCode(err) !== 'expired_trigger_id') throw err;
    await answer({ text: 'Slack took too long to open the form. Click the button again.' });
  }
}
