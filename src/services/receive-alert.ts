import { randomUUID } from 'node:crypto';
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
import { linkCustomerSeen } from '../db/repositories/customers';
import type { AccountTenancy } from '../workspaces/tenancy';
import { addThreadPost } from '../db/repositories/thread-posts';
import { rememberTags, spelledAsKnown } from '../db/repositories/tags';
import { openConversationAtOnce } from '../db/repositories/alert-intake';
import { loadAlertRouting } from '../db/repositories/tenancy';
import { offerSuggestion } from '../db/repositories/suggestions';
import { OPENING_STATUS, type Status } from '../domain/conversation';
import { routeAlert } from '../domain/routing';
import { agentsAvailable } from '../db/repositories/availability';
import { addDelivery, newDeliveryId } from '../db/repositories/deliveries';
import { askForWaitingAssignments } from '../db/repositories/auto-assign';
import { startsWaiting } from '../domain/auto-assign';
import { conversationUnattended } from '../platform/conversation-change';
import { inTransaction, VersionConflict, type Tx } from '../db/transaction';
import type { HandoffRequest } from '../http/schemas/handoff-request';
import type { WorkQueue } from '../jobs/work-queue';
import { requestWork } from './request-work';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';

export interface ReceiveAlertDeps {
  db: Database;
  work: WorkQueue;
  logger: Logger;
  metrics: Pick<Metrics, 'alertsReceived'>;
}

interface Outcome {
  answer: StoredAnswer;
  conversationId?: string;
  // A new conversation in a workspace that assigns automatically: an agent is to be chosen for it.
  autoAssignDue?: boolean;
  // conversation.unattended, stored with the alert because nobody was online to take it.
  unattendedDeliveryId?: string;
  // Set when an existing root message must be brought up to date; a new one is posted current.
  version?: number;
  // A later alert brought the conversation back to the queue of a workspace that assigns automatically: the
  // request to give out what waits (see assign-waiting.ts).
  waitingAssignments?: { workspaceId: string; asked: number };
}

function details(req: HandoffRequest) {
  return {
    summary: req.summary ?? null,
    scores: req.scores ?? {},
    customer: req.customer ?? {},
    channelType: req.channel?.type ?? 'other',
    channelName: req.channel?.name ?? null,
    tags: req.tags ?? [],
    link: req.link ?? null,
    metadata: req.metadata ?? {},
    replyWindowEndsAt: req.replyWindowEndsAt ? new Date(req.replyWindowEndsAt) : null,
  };
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
  const tags = await spelledAsKnown(tx, row.workspaceId, req.tags ?? []);
  const decision = decide(stateOf(row), { type: 'alert', reason: req.reason, priority: req.priority, tags });
  if (isRefusal(decision)) throw new Error(`an alert cannot be refused, got ${decision.refused}`);
  const moved = await applyTransition(tx, row, decision, { ...resentDetails(req), alertCount: { increment: 1 } });
  if (!moved) throw new VersionConflict(row.id);
  await rememberTags(tx, row.workspaceId, tags);
  await addThreadPost(tx, row.id, 'notice', { event: decision.event });
  return { ...row, ...decision.next, version: row.version + 1 };
}

// `agentsAvailable` tells the platform whether a person can be expected soon, so the bot can set the customer's
// expectations. A new conversation's statement decides it and adds it to the answer it stores.
const accepted = (req: HandoffRequest, status: Status, agentsAvailable?: boolean): StoredAnswer => ({
  statusCode: 202,
  body: { conversationId: req.conversationId, status, ...(agentsAvailable !== undefined && { agentsAvailable }) },
});

// Most alerts open a conversation: that case takes one statement. Replays and re-alerts find it wrote nothing.
async function openAtOnce(db: Database, tenancy: AccountTenancy, webhookId: string, req: HandoffRequest, receivedAt: Date): Promise<Outcome | 'settings_changed' | null> {
  const status = OPENING_STATUS;
  const answer = accepted(req, status);
  // Stored by the statement only if nobody is online to take the conversation.
  const unattended = { deliveryId: newDeliveryId(), payload: conversationUnattended({ status, priority: req.priority, reason: req.reason }) };
  // Only a new conversation is routed: a later alert finds it in the thread its people already follow.
  const { channelType, tags } = details(req);
  const route = routeAlert(tenancy.routingRules, { reason: req.reason, priority: req.priority, channelType, tags }, tenancy.alertsChannel);
  const opened = await openConversationAtOnce(db, {
    ...details(req),
    workspaceId: tenancy.workspaceId,
    platformId: tenancy.platformId,
    webhookId,
    externalId: req.conversationId,
    status,
    reason: req.reason,
    priority: req.priority,
    slackChannelId: route.channel,
    settingsVersion: tenancy.settingsVersion,
    mentionUserGroup: route.mention ?? null,
    payload: req,
    transcript: req.transcript ?? [],
    suggestion: req.suggestedReply ? { id: randomUUID(), text: req.suggestedReply } : null,
    receivedAt,
    answer,
    unattended,
  });
  if (!opened || opened === 'settings_changed') return opened;
  return {
    answer: accepted(req, status, opened.agentsAvailable),
    conversationId: opened.conversationId,
    autoAssignDue: opened.autoAssignDue,
    ...(!opened.agentsAvailable && { unattendedDeliveryId: unattended.deliveryId }),
  };
}

// A replay gets the first answer; an alert for a conversation already open re-alerts it. Null when the
// conversation is neither seen nor there: it went away after the one-statement open found it.
function replayOrRealert(db: Database, tenancy: AccountTenancy, webhookId: string, req: HandoffRequest, receivedAt: Date): Promise<Outcome | null> {
  return inTransaction<Outcome | null>(db, async (tx) => {
    const seen = await findAnswer(tx, tenancy.platformId, webhookId);
    if (seen) return { answer: seen };
    const existing = await findByExternalId(tx, tenancy.platformId, req.conversationId);
    if (!existing) return null;
    // The customer before the conversation, in the order a profile save takes them (it refreshes the customer's
    // roots), or the two could each hold what the other waits for.
    if (req.customer) await linkCustomerSeen(tx, existing.id, { workspaceId: tenancy.workspaceId, platformId: tenancy.platformId, customer: req.customer, at: receivedAt });
    const row = await realert(tx, existing, req);
    await tx.alert.create({
      data: { conversationId: row.id, webhookId, reason: req.reason, priority: req.priority, payload: req as object },
    });
    const lines = await addTranscriptLines(tx, row.id, req.transcript ?? [], receivedAt);
    if (lines.length > 0) await addThreadPost(tx, row.id, 'transcript', { lines });
    if (req.suggestedReply) await offerSuggestion(tx, row.id, req.suggestedReply);
    const available = await agentsAvailable(tx, tenancy.workspaceId);
    // Only a conversation waiting for a person leaves the customer wondering when one comes.
    const unattendedDeliveryId =
      !available && row.status === 'waiting'
        ? await addDelivery(tx, { conversationId: row.id, type: 'conversation.unattended', payload: conversationUnattended(row) })
        : undefined;
    const asked = startsWaiting(stateOf(existing), stateOf(row)) ? await askForWaitingAssignments(tx, tenancy.workspaceId) : null;
    const answer = accepted(req, row.status, available);
    await rememberAnswer(tx, tenancy.platformId, webhookId, answer);
    return {
      answer,
      conversationId: row.id,
      version: row.version,
      unattendedDeliveryId,
      ...(asked !== null && { waitingAssignments: { workspaceId: tenancy.workspaceId, asked } }),
    };
  });
}

const ATTEMPTS = 3;

export async function receiveAlert(
  deps: ReceiveAlertDeps,
  tenancy: AccountTenancy,
  webhookId: string,
  req: HandoffRequest,
): Promise<StoredAnswer> {
  const receivedAt = new Date();
  let routing = tenancy;
  for (let attempt = 1; ; attempt++) {
    const opened = await openAtOnce(deps.db, routing, webhookId, req, receivedAt);
    // Rare: an admin saved new settings since this replica read them. Read them again, then route anew.
    if (opened === 'settings_changed') routing = { ...routing, ...(await loadAlertRouting(deps.db, routing.workspaceId)) };
    const outcome = opened === 'settings_changed' ? null : (opened ?? (await replayOrRealert(deps.db, routing, webhookId, req, receivedAt)));
    if (outcome) {
      // A replay of a webhook-id already answered stored nothing, so it is not another alert.
      if (outcome.conversationId !== undefined) deps.metrics.alertsReceived.inc({ reason: req.reason, priority: req.priority });
      await askForThreadWork(deps, webhookId, outcome);
      return outcome.answer;
    }
    if (attempt >= ATTEMPTS) throw new Error(`conversation ${req.conversationId} kept changing while its alert was stored`);
  }
}

async function askForThreadWork(deps: ReceiveAlertDeps, webhookId: string, outcome: Outcome): Promise<void> {
  const { conversationId, version, autoAssignDue, unattendedDeliveryId, waitingAssignments } = outcome;
  if (conversationId === undefined) return;
  await requestWork(deps.logger, [
    () => deps.work.syncThread(conversationId, `alert-${webhookId}`),
    ...(autoAssignDue ? [() => deps.work.assignAutomatically(conversationId)] : []),
    ...(unattendedDeliveryId ? [() => deps.work.deliver(unattendedDeliveryId)] : []),
    ...(version !== undefined ? [() => deps.work.updateRoot(conversationId, version)] : []),
    ...(waitingAssignments ? [() => deps.work.assignWaiting(waitingAssignments.workspaceId, waitingAssignments.asked)] : []),
  ]);
}
