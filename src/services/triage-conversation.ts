import { applyTransition, stateOf } from '../db/repositories/conversations';
import { addDelivery } from '../db/repositories/deliveries';
import type { Tenancy } from '../db/repositories/tenancy';
import { addThreadPost } from '../db/repositories/thread-posts';
import { inTransaction, VersionConflict } from '../db/transaction';
import type { PersonCommand } from '../domain/authority';
import { decide, isRefusal, type Refusal } from '../domain/transitions';
import { HandoffError } from '../errors';
import type { RelayDeps } from './relay-agent-reply';
import { requestWork } from './request-work';

interface Applied {
  refusal?: Refusal;
  version?: number;
  deliveryId?: string;
}

// One button press: the domain decides, and the new state, its log entry, the thread line and the platform
// event are written together. Two people pressing at once both read the same version; the database lets
// one write win and the other re-reads, so it is told who has the conversation instead.
export async function triageConversation(
  deps: RelayDeps,
  tenancy: Tenancy,
  conversationId: string,
  command: PersonCommand,
): Promise<Refusal | null> {
  const applied = await inTransaction<Applied>(deps.db, async (tx) => {
    const row = await tx.conversation.findFirst({ where: { id: conversationId, workspaceId: tenancy.workspaceId } });
    if (!row) throw new HandoffError('conversation_not_found', `No conversation ${conversationId} in this workspace`);
    const decision = decide(stateOf(row), command);
    if (isRefusal(decision)) return { refusal: decision };
    if (!(await applyTransition(tx, row, decision))) throw new VersionConflict(row.id);
    await addThreadPost(tx, row.id, 'notice', { event: decision.event });
    const deliveryId = decision.platformEvent
      ? await addDelivery(tx, {
          conversationId: row.id,
          type: decision.platformEvent,
          payload: {
            actor: { id: command.actorId },
            status: decision.next.status,
            assigneeId: decision.next.assigneeId,
            tags: decision.next.tags,
            priority: decision.next.priority,
          },
        })
      : undefined;
    return { version: row.version + 1, deliveryId };
  }, 10);
  if (applied.refusal) return applied.refusal;
  const { version, deliveryId } = applied;
  await requestWork(deps.logger, [
    () => deps.work.updateRoot(conversationId, version!),
    () => deps.work.syncThread(conversationId, `triage-${version}`),
    ...(deliveryId ? [() => deps.work.deliver(deliveryId)] : []),
  ]);
  return null;
}
