import type { CustomerDetails } from '../domain/customer';

export const CUSTOMER_UPDATED = 'customer.updated';

// The data of customer.updated (CustomerUpdated in docs/openapi.yaml): who changed the customer's details and
// only the details they changed (null: cleared). The actor's name is added when the event is sent.
export interface CustomerUpdated {
  actor: { id: string };
  customer: { id: string } & Partial<CustomerDetails>;
}

export function customerUpdated(actorId: string, customerId: string, changed: Partial<CustomerDetails>): CustomerUpdated {
  return { actor: { id: actorId }, customer: { ...changed, id: customerId } };
}
