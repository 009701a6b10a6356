import { claimSlackReceipt } from '../db/repositories/slack-inbox';
import { customerOfConversation, knownCustomerTags, loadCustomerProfile, lockCustomer, rootsToRefresh, saveCustomer } from '../db/repositories/customers';
import { addDelivery } from '../db/repositories/deliveries';
import { loadWorkspaceSettings } from '../db/repositories/tenancy';
import { inTransaction } from '../db/transaction';
import { mayAct, type Action } from '../domain/authority';
import { changedDetails, isNoChange, nextTags, type CustomerChange, type CustomerProfile } from '../domain/customer';
import { HandoffError } from '../errors';
import { CUSTOMER_UPDATED, customerUpdated } from '../platform/customer-change';
import { withKeptPermalinks } from '../slack/thread-permalink';
import type { Tenancy } from '../workspaces/tenancy';
import { noteForeignConversation } from './foreign-conversation';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';
import { standingOf } from './standing';

export type ProfileOpening =
  | { gone: true }
  | { denied: string }
  // The alerts never named the customer's id: there is no record to show.
  | { unknown: true }
  | { profile: CustomerProfile; knownTags: string[] };

async function deniedFor(deps: RelayDeps, tenancy: Tenancy, actorId: string, action: Action): Promise<string | null> {
  // Slack may be asked who is in the user groups: never while a transaction holds a connection.
  const settings = await loadWorkspaceSettings(deps.db, tenancy.workspaceId);
  const { role, policy } = await standingOf(deps.directory, settings, actorId);
  const authority = mayAct(action, role, policy);
  return authority.allowed ? null : authority.reason;
}

// The profile of the customer of a conversation, with links to their earlier threads. Opening it shows what
// anyone on the team may see; saving from it needs the right to update a profile, checked now so nobody fills
// the form in only to be refused.
export async function openCustomerProfile(deps: RelayDeps, tenancy: Tenancy, conversationId: string, actorId: string): Promise<ProfileOpening> {
  const conversation = await customerOfConversation(deps.db, tenancy.workspaceId, conversationId);
  if (!conversation) {
    await noteForeignConversation(deps.db, deps.logger, tenancy, { id: conversationId });
    return { gone: true };
  }
  const denied = await deniedFor(deps, tenancy, actorId, 'update_customer');
  if (denied) return { denied };
  if (!conversation.customerId) return { unknown: true };
  const profile = await loadCustomerProfile(deps.db, tenancy.workspaceId, conversation.customerId, conversationId);
  if (!profile) return { unknown: true };
  const earlier = await withKeptPermalinks(deps, tenancy.workspaceId, profile.earlier, 'the customer profile lists it without one');
  return { profile: { ...profile, earlier }, knownTags: await knownCustomerTags(deps.db, tenancy.workspaceId) };
}

type Saved = { repeated: true } | { deliveryId?: string; roots: { id: string; version: number }[]; homesChanged: boolean };

// A note, tags and details saved together: stored, the platform told of the changed details (customer.updated,
// carried by the conversation the profile was opened from), and the root messages that show the customer
// marked out of date, all in one transaction. The receipt makes a redelivered submission do nothing twice.
// The open App Homes are refreshed after it whenever what they show or filter by changed (a name, a customer
// tag), by the save itself: the roots' refreshes ask for it only once Slack took them.
export async function updateCustomer(
  deps: RelayDeps,
  tenancy: Tenancy,
  target: { conversationId: string; customerId: string },
  actorId: string,
  change: CustomerChange,
  receiptKey: string,
): Promise<string | null> {
  const denied = await deniedFor(deps, tenancy, actorId, 'update_customer');
  if (denied) return denied;
  const saved = await inTransaction<Saved>(deps.db, async (tx) => {
    if (!(await claimSlackReceipt(tx, receiptKey))) return { repeated: true };
    const stored = await lockCustomer(tx, tenancy.workspaceId, target.customerId);
    const from = await customerOfConversation(tx, tenancy.workspaceId, target.conversationId);
    if (!from) await noteForeignConversation(tx, deps.logger, tenancy, { id: target.conversationId });
    if (!stored || from?.customerId !== target.customerId) throw new HandoffError('conversation_not_found', `No customer ${target.customerId} in this workspace`);
    const changed = changedDetails(stored.details, change.details);
    if (isNoChange(change, changed, stored.tags)) return { roots: [], homesChanged: false };
    await saveCustomer(tx, target.customerId, {
      details: changed,
      tags: nextTags(stored.tags, change.addTags, change.removeTags),
      note: change.note ? { authorId: actorId, text: change.note } : null,
    });
    const deliveryId =
      Object.keys(changed).length > 0
        ? await addDelivery(tx, { conversationId: target.conversationId, type: CUSTOMER_UPDATED, payload: customerUpdated(actorId, stored.externalId, changed) })
        : undefined;
    // A note alone shows on no App Home.
    const homesChanged = !isNoChange({ ...change, note: null }, changed, stored.tags);
    return { deliveryId, roots: await rootsToRefresh(tx, target.customerId, target.conversationId), homesChanged };
  });
  if ('repeated' in saved) return null;
  const { deliveryId, roots, homesChanged } = saved;
  await requestWork(deps.logger, [
    ...(deliveryId ? [() => deps.work.deliver(deliveryId)] : []),
    ...roots.map((root) => () => deps.work.updateRoot(root.id, root.version)),
    ...(homesChanged ? [() => deps.work.refreshHomes(tenancy.workspaceId)] : []),
  ]);
  return null;
}
