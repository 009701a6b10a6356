import type { Router } from 'express';
import type { ReceiveAlertDeps } from '../../services/receive-alert';
import { receiveSuggestion } from '../../services/receive-suggestion';
import { suggestionRequest } from '../schemas/suggestion';
import { conversationRequest } from './conversation-request';
import type { AccountDirectory } from './handoffs';

export function suggestionRoutes(deps: ReceiveAlertDeps, accounts: AccountDirectory, signingSecret: string): Router {
  return conversationRequest('suggestions', suggestionRequest, accounts, signingSecret, (tenancy, webhookId, conversationId, suggestion) =>
    receiveSuggestion(deps, tenancy, webhookId, conversationId, suggestion),
  );
}
