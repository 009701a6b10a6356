import type { App } from '@slack/bolt';
import type { Tenancy } from '../../db/repositories/tenancy';
import type { RelayDeps } from '../../services/relay-agent-reply';
import { threadMessage } from './events/thread-message';

// Wiring only: which Slack event or action goes to which handler.
export function registerListeners(app: App, deps: RelayDeps, tenancy: Tenancy): void {
  app.event('message', threadMessage(deps, tenancy));
}
