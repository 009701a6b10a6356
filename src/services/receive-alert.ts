import { decide, isRefusal } from '../domain/transitions';
import type { Database } from '../db/client';
import {
  applyTransition,
  findByExternalId,
  stateOf,
  type ConversationRow,
} from '../db/repositories/conversations';
import { findAnswer, rememberAnswer, type StoredAnswer } from '../db/repositories/inbound-deliveries';
import { addTranscriptLines } from '../db/repositories/messages';
import type { Tenancy } from '../db/repositories/tenancy';
import { addThreadPost } from '../db/repositories/thread-posts';
import { inTransaction, VersionConflict, type Tx } from '../db/transaction';
import type { HandoffRequest } from '../http/schemas/handoff-request';
import type { WorkQueue } from '../jobs/work-queue';
import { requestWork } from './request-work';
import type { Logger } from '../logger';

export interface ReceiveAlertDeps {
  db: Database;
  work: WorkQueue;
  logger: Logger;
}

interface Outcome {
  answer: StoredAnswer;
  conversationId?: string;
  // Set when an existing root message must be brought up to date; a new one is posted current.
  version?: number;
}

function details(req: HandoffRequest) {
  return {
    summary: req.summary ?? null,
    scores: req.scores ?? {},
    customer: req.customer ?? {},
    channelType: req.channel?.type ?? 'other',
    channelName: req.channel?.name ?? null,
    link: req.link ?? null,
    metadata: req.metadata ?? {},
    replyWindowEndsAt: req.replyWindowEndsAt ? new Date(req.replyWindowEndsAt) : null,
  };
}

async function openConversation(tx: Tx, tenancy: Tenancy, req: HandoffRequest): Promise<ConversationRow> {
  const row = await tx.conversation.create({
    data: {
      ...details(req),
      workspaceId: tenancy.workspaceId,
      platformId: tenancy.platformId,
      externalId: req.conversationId,
      reason: req.reason,
      priority: req.priority,
      slackChannelId: tenancy.alertsChannel,
    },
  });
  await tx.conversationEvent.create({
    data: { conversationId: row.id, type: 'alert_received', data: { reason: req.reason, priority: req.priority } },
  });
  // The thread opens by teaching how replies reach the customer and how to keep one internal.
  await addThreadPost(tx, row.id, 'notice', { intro: true });
  return row;
}

// A later alert refreshes what the platform resent (summary, scores…) and keeps what it left out.
function resentDetails(req: HandoffRequest) {
  const d = details(req);
  return {
    ...(req.summary !== undefined && { summary: d.summary }),
    ...(req.scores !== undefined && { scores: d.scores }),
    ...(req.customer !== undefined && { customer: d.customer }),
    ...(req.channel !== undefined && { channelType: d.channelType, channelName: d.channelName }),
    ...(req.link !== undefined && { link: d.link }),
    ...(req.metadata !== undefined && { metadata: d.metadata }),
    ...(req.replyWindowEndsAt !== undefined && { replyWindowEndsAt: d.replyWindowEndsAt }),
  };
}

async function realert(tx: Tx, row: ConversationRow, req: HandoffRequest): Promise<ConversationRow> {
  const decision = decide(stateOf(row), { type: 'alert', reason: req.reason, priority: req.priority });
  if (isRefusal(decision)) throw new Error(`an alert cannot be refused, got ${decision.refused}`);
  const moved = await applyTransition(tx, row, decision, { ...resentDetails(req), alertCount: { increment: 1 } });
  if (!moved) throw new VersionConflict(row.id);
  await addThreadPost(tx, row.id, 'notice', { event: decision.event });
  return { ...row, ...decision.next, version: row.version + 1 };
}

export async function receiveAlert(
  deps: ReceiveAlertDeps,
  tenancy: Tenancy,
  webhookId: string,
  req: HandoffRequest,
): Promise<StoredAnswer> {
  const receivedAt = new Date();
  const outcome = await inTransaction<Outcome>(deps.db, async (tx) => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen };
    const existing = await findByExternalId(tx, tenancy.platformId, req.conversationId);
    const row = existing ? await realert(tx, existing, req) : await openConversation(tx, tenancy, req);
    await tx.alert.create({
      data: { conversationId: row.id, webhookId, reason: req.reason, priority: req.priority, payload: req as object },
    });
    const lines = await addTranscriptLines(tx, row.id, req.transcript ?? [], receivedAt);
    if (lines.length > 0) await addThreadPost(tx, row.id, 'transcript', { lines });
    const answer = { statusCode: 202, body: { conversationId: req.conversationId, status: row.status } };
    await rememberAnswer(tx, tenancy.platformId, webhookId, answer);
    return { answer, conversationId: row.id, version: existing ? row.version : undefined };
  });
  const { conversationId, version } = outcome;
  if (conversationId !== undefined) {
    await requestWork(deps.logger, [
      () => deps.work.syncThread(conversationId, `alert-${webhookId}`),
      ...(version !== undefined ? [() => deps.work.updateRoot(conversationId, version)] : []),
    ]);
  }
  return outcome.answer;
}
