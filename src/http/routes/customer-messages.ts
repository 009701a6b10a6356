import type { Router } from 'express';
import type { ReceiveAlertDeps } from '../../services/receive-alert';
import { receiveCustomerMessage } from '../../services/receive-customer-message';
import { customerMessageRequest } from '../schemas/customer-message';
import { conversationRequest } from './conversation-request';
import type { AccountDirectory } from './handoffs';

export function customerMessageRoutes(deps: ReceiveAlertDeps, accounts: AccountDirectory, signingSecret: string): Router {
  return conversationRequest('messages', customerMessageRequest, accounts, signingSecret, (tenancy, webhookId, conversationId, message) =>
    receiveCustomerMessage(deps, tenancy, webhookId, conversationId, message),
  );
}
