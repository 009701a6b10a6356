import { askForWaitingAssignments } from '../db/repositories/auto-assign';
import { applyTransition, stateOf, type ConversationRow } from '../db/repositories/conversations';
import { addDelivery } from '../db/repositories/deliveries';
import { addDirectMessages } from '../db/repositories/direct-messages';
import { rememberTags } from '../db/repositories/tags';
import { addThreadPost } from '../db/repositories/thread-posts';
import { VersionConflict, type Tx } from '../db/transaction';
import type { PersonCommand } from '../domain/authority';
import { makesRoom, startsWaiting } from '../domain/auto-assign';
import type { Transition } from '../domain/transitions';
import type { Prisma } from '../generated/prisma/client';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import { conversationChange } from '../platform/conversation-change';
import { requestWork } from './request-work';

export interface RecordedTriage {
  version: number;
  deliveryId?: string;
  directMessageIds: string[];
  // The assignee made room under their chat limit, or the conversation is back in the queue, in a workspace
  // that assigns automatically: a job is to give out what waits (see assign-waiting.ts), keyed by this request.
  waitingAssignments?: { workspaceId: string; asked: number };
}

// What one triage decision owes, written with it: the new state and its log entry, the thread line, the
// platform event and the direct messages. A person's press and an automatic assignment both come here, so
// an agent is told the same way whoever gave them the conversation.
export async function recordTriage(
  tx: Tx,
  row: ConversationRow,
  command: PersonCommand,
  decision: Transition,
  details: Prisma.ConversationUpdateManyMutationInput = {},
): Promise<RecordedTriage> {
  if (!(await applyTransition(tx, row, decision, details))) throw new VersionConflict(row.id);
  await addThreadPost(tx, row.id, 'notice', { event: decision.event });
  if (command.type === 'tag') await rememberTags(tx, row.workspaceId, command.add);
  const { next } = decision;
  const note = 'note' in command ? (command.note ?? null) : null;
  const directMessageIds = await addDirectMessages(tx, row.id, decision.notify, {
    actorId: command.actorId,
    assigneeId: next.assigneeId,
    note,
    priority: next.priority,
  });
  const deliveryId = decision.platformEvent
    ? await addDelivery(tx, { conversationId: row.id, type: decision.platformEvent, payload: conversationChange(command.actorId, next, note) })
    : undefined;
  const before = stateOf(row);
  const asked = makesRoom(before, next) || startsWaiting(before, next) ? await askForWaitingAssignments(tx, row.workspaceId) : null;
  return {
    version: row.version + 1,
    deliveryId,
    directMessageIds,
    ...(asked !== null && { waitingAssignments: { workspaceId: row.workspaceId, asked } }),
  };
}

// Once committed: the root and the thread brought up to date, the platform told, the people messaged.
export async function requestTriageWork(deps: { work: WorkQueue; logger: Logger }, conversationId: string, recorded: RecordedTriage): Promise<void> {
  const { version, deliveryId, directMessageIds, waitingAssignments } = recorded;
  await requestWork(deps.logger, [
    () => deps.work.updateRoot(conversationId, version),
    () => deps.work.syncThread(conversationId, `triage-${version}`),
    ...(deliveryId ? [() => deps.work.deliver(deliveryId)] : []),
    ...directMessageIds.map((id) => () => deps.work.sendDirectMessage(id)),
    ...(waitingAssignments ? [() => deps.work.assignWaiting(waitingAssignments.workspaceId, waitingAssignments.asked)] : []),
  ]);
}
