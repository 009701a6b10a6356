import type { App } from '@slack/bolt';
import type { Tenancy } from '../../db/repositories/tenancy';
import type { RelayDeps } from '../../services/relay-agent-reply';
import type { BotIdentity } from '../bolt';
import { ACTIONS, VIEWS } from '../ids';
import type { SlackEventHandlers } from '../inbox/slack-inbox';
import { openAssignModal, openTagModal } from './actions/open-triage-modal';
import { retryDeliveryAction } from './actions/retry-delivery';
import { triageButton } from './actions/triage-button';
import { reactionShortcut } from './events/reaction-shortcut';
import { threadMessage } from './events/thread-message';
import { assignSubmission, tagSubmission } from './views/triage-submission';

// Wiring only: which action or modal goes to which handler. Each commits its effect before it acknowledges.
export function registerListeners(app: App, deps: RelayDeps, tenancy: Tenancy): void {
  app.action(ACTIONS.retryDelivery, retryDeliveryAction(deps, tenancy));
  app.action(ACTIONS.takeOver, triageButton(deps, tenancy, 'take_over'));
  app.action(ACTIONS.takeOverConfirmed, triageButton(deps, tenancy, 'take_over', true));
  app.action(ACTIONS.close, triageButton(deps, tenancy, 'close'));
  app.action(ACTIONS.restore, triageButton(deps, tenancy, 'restore'));
  app.action(ACTIONS.reopen, triageButton(deps, tenancy, 'reopen'));
  app.action(ACTIONS.assign, openAssignModal(deps, tenancy));
  app.action(ACTIONS.tag, openTagModal(deps, tenancy));
  app.view(VIEWS.assign, assignSubmission(deps, tenancy));
  app.view(VIEWS.tag, tagSubmission(deps, tenancy));
}

// Wiring only: which Slack event goes to which handler. Events are stored before Slack is answered and
// handled from the inbox by a job.
export function slackEventHandlers(deps: RelayDeps, tenancy: Tenancy, bot: BotIdentity): SlackEventHandlers {
  return {
    message: threadMessage(deps, tenancy, bot),
    reaction_added: reactionShortcut(deps, tenancy, bot),
  };
}
