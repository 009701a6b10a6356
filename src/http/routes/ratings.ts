import type { Router } from 'express';
import type { ReceiveAlertDeps } from '../../services/receive-alert';
import { receiveRating } from '../../services/receive-rating';
import { ratingRequest } from '../schemas/rating';
import { conversationRequest } from './conversation-request';
import type { AccountDirectory } from './handoffs';

export function ratingRoutes(deps: ReceiveAlertDeps, accounts: AccountDirectory, signingSecret: string): Router {
  return conversationRequest('rating', ratingRequest, accounts, signingSecret, (tenancy, webhookId, conversationId, rating) =>
    receiveRating(deps, tenancy, webhookId, conversationId, rating),
  );
}
