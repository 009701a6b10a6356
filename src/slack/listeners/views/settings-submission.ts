import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { RelayDeps } from '../../../services/relay-agent-reply';
import { changeSettings } from '../../../services/workspace-settings';
import type { Tenancy } from '../../../workspaces/tenancy';
import { buildSettingsNotSaved, parseSettingsMetadata, parseSettingsSubmission } from '../../blocks/settings-modal';
import type { StateValues } from '../../blocks/triage-modals';
import { submissionReceipt } from '../receipts';

// Saving the settings modal. A mistake keeps the modal open with the message under its field, and nothing is
// written. A good submission is committed before Slack hears back, then the modal closes; if it could not be
// (a colleague saved meanwhile, the database away, the person may not), the modal stays open and says why.
export function settingsSubmission(deps: RelayDeps, tenancy: Tenancy) {
  return async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const metadata = parseSettingsMetadata(view.private_metadata);
    if (!metadata) {
      await ack();
      deps.logger.warn('ignored a settings submission Handoff did not open');
      return;
    }
    const entry = parseSettingsSubmission(view.state.values as StateValues, metadata);
    if (!entry.ok) {
      await ack(entry.response);
      return;
    }
    let outcome;
    try {
      outcome = await changeSettings(deps, tenancy, { userId: body.user.id, receipt: submissionReceipt(body), version: metadata.version, settings: entry.value });
    } catch (err) {
      deps.logger.error({ err }, 'the settings could not be saved');
      await ack(buildSettingsNotSaved('failed'));
      return;
    }
    if (outcome !== 'saved') deps.logger.warn({ user: body.user.id, outcome }, 'settings not saved');
    await ack(outcome === 'saved' ? undefined : buildSettingsNotSaved(outcome));
  };
}
