import type { WebClient } from '@slack/web-api';
import type { Database } from '../db/client';
import { noteForeignConversation } from './foreign-conversation';
import { findByThread, stateOf, type ConversationRow } from '../db/repositories/conversations';
import { addDelivery, lockReplyDelivery } from '../db/repositories/deliveries';
import { claimSlackReceipt } from '../db/repositories/slack-inbox';
import { storeAgentReply } from '../db/repositories/agent-replies';
import { addFeedback } from '../db/repositories/reply-feedback';
import { loadReplyContext } from '../db/repositories/reply-context';
import type { Tenancy } from '../workspaces/tenancy';
import { inTransaction } from '../db/transaction';
import { mayAct } from '../domain/authority';
import type { ChannelType } from '../domain/conversation';
import type { SharedFile } from '../domain/file-link';
import { checkDeliverable, classifyReply, type RelayMode } from '../domain/relay-policy';
import { changeReachesCustomer, startReply, type ReplyClassification } from '../domain/reply-relay';
import { decide, isRefusal } from '../domain/transitions';
import type { WorkQueue } from '../jobs/work-queue';
import type { Logger } from '../logger';
import { toCustomerText } from '../relay/customer-text';
import { requestWork } from './request-work';
import { takeOverForReply } from './take-over-for-reply';
import { standingOf, type TeamDirectory } from './standing';

export interface RelayDeps {
  db: Database;
  work: WorkQueue;
  slack: WebClient;
  logger: Logger;
  graceSeconds: number;
  directory: TeamDirectory;
}

// A human message in a thread, already stripped of everything Slack-specific by the listener.
export interface ThreadReply {
  eventId: string;
  channel: string;
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
  files: SharedFile[];
}

const NO_NAMES = { users: {}, channels: {}, userGroups: {} };

interface Planned {
  deliveries: { id: string; delayMs: number }[];
  feedbackId?: string;
  conversationId?: string;
  rootVersion?: number;
}

// What the reply is, before anything is sent: for the customer, a note, kept in Slack, or refused as it stands.
function classify(
  text: string,
  settings: { relayMode: RelayMode; sendMarker: string },
  mayReply: { allowed: true } | { allowed: false; reason: string },
  conversation: ConversationRow,
): ReplyClassification {
  const decision = classifyReply(toCustomerText(text, NO_NAMES), { mode: settings.relayMode, sendMarker: settings.sendMarker });
  if (decision.kind === 'note') return { kind: 'note' };
  if (decision.kind !== 'relay') return { kind: 'not_for_customer' };
  if (!mayReply.allowed) return { kind: 'not_allowed', reason: mayReply.reason };
  const check = checkDeliverable({
    text: decision.text,
    channelType: conversation.channelType as ChannelType,
    replyWindowEndsAt: conversation.replyWindowEndsAt,
    now: new Date(),
  });
  return check.ok ? { kind: 'relay' } : { kind: 'undeliverable', problem: check };
}

export async function relayAgentReply(deps: RelayDeps, tenancy: Tenancy, reply: ThreadReply): Promise<void> {
  // Read before any write: a second connection taken while one is held can starve the pool under load.
  const { settings, conversation } = await loadReplyContext(deps.db, tenancy.workspaceId, reply.channel, reply.threadTs);
  const standing = await standingOf(deps.directory, settings, reply.userId);
  const judge = { settings, mayReply: mayAct('reply', standing.role, standing.policy), graceMs: deps.graceSeconds * 1000 };
  const plan = (await storeReplyAtOnce(deps, tenancy, reply, judge, conversation)) ?? (await storeReplyTakingOver(deps, tenancy, reply, judge));
  const { conversationId, rootVersion, feedbackId } = plan;
  await requestWork(deps.logger, [
    ...plan.deliveries.map((d) => () => deps.work.deliver(d.id, d.delayMs)),
    ...(feedbackId ? [() => deps.work.sendFeedback(feedbackId)] : []),
    ...(conversationId && rootVersion
      ? [() => deps.work.updateRoot(conversationId, rootVersion), () => deps.work.syncThread(conversationId, `reply-${reply.ts}`)]
      : []),
  ]);
}

interface Judging {
  settings: { relayMode: RelayMode; sendMarker: string };
  mayReply: { allowed: true } | { allowed: false; reason: string };
  graceMs: number;
}

function replyData(reply: ThreadReply) {
  return { slackTs: reply.ts, authorId: reply.userId, text: reply.text, at: new Date(Number(reply.ts) * 1000) };
}

// Most replies go to a conversation this agent already has: nothing about the conversation changes, and the
// reply is stored in one statement. Null when the reply takes the conversation over, or the conversation moved
// since it was read: the transaction below judges it again.
async function storeReplyAtOnce(
  deps: RelayDeps,
  tenancy: Tenancy,
  reply: ThreadReply,
  judge: Judging,
  conversation: ConversationRow | null,
): Promise<Planned | null> {
  // Not a conversation's thread: the inbox marks the event handled.
  if (!conversation) {
    await noteForeignConversation(deps.db, deps.logger, tenancy, { slackChannelId: reply.channel, slackThreadTs: reply.threadTs });
    return { deliveries: [] };
  }
  const start = startReply(classify(reply.text, judge.settings, judge.mayReply, conversation));
  if (start.send && !isRefusal(decide(stateOf(conversation), { type: 'reply', actorId: reply.userId }))) return null;
  const stored = await storeAgentReply(deps.db, {
    ...replyData(reply),
    eventId: reply.eventId,
    conversationId: conversation.id,
    conversationVersion: conversation.version,
    files: reply.files,
    state: start.reply,
    error: start.error,
    feedback: start.feedback,
    delivery: start.send ? { notBefore: new Date(Date.now() + judge.graceMs) } : undefined,
  });
  if (stored.moved) return null;
  return {
    deliveries: stored.deliveryId ? [{ id: stored.deliveryId, delayMs: judge.graceMs }] : [],
    conversationId: conversation.id,
    ...(stored.feedbackId ? { feedbackId: stored.feedbackId } : {}),
  };
}

// A reply that takes its conversation over, since the AI must never answer alongside a human: the transition,
// its thread line and event, and the reply, in one transaction.
function storeReplyTakingOver(deps: RelayDeps, tenancy: Tenancy, reply: ThreadReply, judge: Judging): Promise<Planned> {
  return inTransaction<Planned>(deps.db, async (tx) => {
    const receipt = await claimSlackReceipt(tx, reply.eventId);
    if (!receipt) return { deliveries: [] };
    const conversation = await findByThread(tx, tenancy.workspaceId, reply.channel, reply.threadTs);
    if (!conversation) return { deliveries: [] };
    const start = startReply(classify(reply.text, judge.settings, judge.mayReply, conversation));
    const planned: Planned = { deliveries: [], conversationId: conversation.id };
    const takenOver = start.send ? await takeOverForReply(tx, conversation, reply.userId, receipt.receivedAt) : null;
    if (takenOver) {
      planned.deliveries.push({ id: takenOver.deliveryId, delayMs: 0 });
      planned.rootVersion = takenOver.rootVersion;
    }
    const message = await tx.message.create({
      data: {
        ...replyData(reply),
        conversationId: conversation.id,
        role: 'agent',
        attachments: reply.files,
        relayState: start.reply,
        relayError: start.error,
      },
    });
    if (start.feedback) planned.feedbackId = await addFeedback(tx, message.id, start.feedback);
    if (start.send) {
      const id = await addDelivery(tx, {
        conversationId: conversation.id,
        messageId: message.id,
        type: 'agent.message',
        notBefore: new Date(Date.now() + judge.graceMs),
        eventReceivedAt: receipt.receivedAt,
      });
      planned.deliveries.push({ id, delayMs: judge.graceMs });
    }
    return planned;
  });
}

// An edit or deletion of an agent's reply: while its delivery waits (the grace period, a backoff) it simply
// picks up the change; once it is being sent or was delivered, the platform is told so the customer's copy
// follows. The delivery's row is locked while this is decided, so a worker cannot start sending in between.
export async function relayAgentChange(
  deps: RelayDeps,
  tenancy: Tenancy,
  change: { eventId: string; channel: string; ts: string; kind: 'edited' | 'deleted'; text?: string },
): Promise<void> {
  const deliveryId = await inTransaction(deps.db, async (tx) => {
    const receipt = await claimSlackReceipt(tx, change.eventId);
    if (!receipt) return null;
    const message = await tx.message.findFirst({
      where: { slackTs: change.ts, role: 'agent', conversation: { workspaceId: tenancy.workspaceId, slackChannelId: change.channel } },
    });
    if (!message) return null;
    const sending = await lockReplyDelivery(tx, message.id);
    await tx.message.update({
      where: { id: message.id },
      data: change.kind === 'edited' ? { text: change.text ?? message.text, editedAt: new Date() } : { deletedAt: new Date() },
    });
    if (!changeReachesCustomer(sending)) return null;
    return addDelivery(tx, {
      conversationId: message.conversationId,
      messageId: message.id,
      type: change.kind === 'edited' ? 'agent.message_updated' : 'agent.message_deleted',
      eventReceivedAt: receipt.receivedAt,
    });
  });
  if (deliveryId) await requestWork(deps.logger, [() => deps.work.deliver(deliveryId)]);
}
