import type { App } from '@slack/bolt';
import type { Tenancy } from '../../db/repositories/tenancy';
import type { RelayDeps } from '../../services/relay-agent-reply';
import { ACTIONS } from '../ids';
import { retryDeliveryAction } from './actions/retry-delivery';
import { triageButton } from './actions/triage-button';
import { threadMessage } from './events/thread-message';

// Wiring only: which Slack event or action goes to which handler.
export function registerListeners(app: App, deps: RelayDeps, tenancy: Tenancy): void {
  app.event('message', threadMessage(deps, tenancy));
  app.action(ACTIONS.retryDelivery, retryDeliveryAction(deps, tenancy));
  app.action(ACTIONS.takeOver, triageButton(deps, tenancy, 'take_over'));
  app.action(ACTIONS.takeOverConfirmed, triageButton(deps, tenancy, 'take_over', true));
  app.action(ACTIONS.close, triageButton(deps, tenancy, 'close'));
  app.action(ACTIONS.restore, triageButton(deps, tenancy, 'restore'));
  app.action(ACTIONS.reopen, triageButton(deps, tenancy, 'reopen'));
}
