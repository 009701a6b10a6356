import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import { claimDelivery, recordStep, type LoadedDelivery } from '../../db/repositories/deliveries';
import { withFileLinks, type FileLinkSettings, type SharedFile } from '../../domain/file-link';
import { classifyReply } from '../../domain/relay-policy';
import { HandoffError } from '../../errors';
import { sendWebhook, type WebhookTarget } from '../../platform/send-webhook';
import { mentionNames, type AgentProfiles } from '../../relay/agent-profile';
import { toCustomerText } from '../../relay/customer-text';
import { afterAttempt, exhausted, type AttemptOutcome, type Step } from '../../domain/reply-relay';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics/metrics';
import { requestWork } from '../../services/request-work';
import type { JobPayload } from '../definitions';
import type { WorkQueue } from '../work-queue';
import type { LoadedFeedback } from '../../db/repositories/reply-feedback';
import { FEEDBACK_LEASE_MS } from './send-feedback';

export interface DeliverDeps {
  db: Database;
  workspaces: { slackFor(workspaceId: string): Promise<WebClient> };
  profiles: AgentProfiles;
  work: WorkQueue;
  logger: Logger;
  target: WebhookTarget | null;
  fileLinks: FileLinkSettings;
  maxAttempts: number;
  backoffMs: number;
  metrics: Pick<Metrics, 'deliveries' | 'relayLatency'>;
  // Shows feedback whose lease this worker holds (handlers/send-feedback.ts).
  showFeedback: (feedback: LoadedFeedback) => Promise<void>;
}

// The event as the platform receives it. Agent messages are rendered now, not when written, so an edit made
// during the grace period is what the customer gets, and file links count their lifetime from the sending.
async function eventFor(deps: DeliverDeps, d: LoadedDelivery): Promise<object | null> {
  const now = new Date();
  const { workspaceId, account } = d.conversation;
  const base = { type: d.type, ...(account ? { account } : {}), conversationId: d.conversation.externalId, timestamp: now.toISOString() };
  const m = d.message;
  if (!m) return { ...base, data: await withActorName(deps, workspaceId, d.payload) };
  if (d.type === 'agent.message_deleted') return { ...base, data: { messageId: m.id, agent: await deps.profiles.of(workspaceId, m.authorId!) } };
  const text = m.sentFromHandoff ? m.text : await relayedText(deps, d, m.text);
  if (text === null) return null;
  const agent = await deps.profiles.of(workspaceId, m.authorId!);
  // relayAgentReply stores an agent's files in this shape.
  const attachments = withFileLinks(m.attachments as SharedFile[], deps.fileLinks, d.conversation.workspaceId, now);
  return { ...base, data: { messageId: m.id, text, agent, attachments } };
}

// A reply typed in the thread is Slack mrkdwn under the workspace's relay mode: what of it reaches the
// customer, or null when nothing does. A message Handoff wrote for the agent is plain text sent as it stands.
async function relayedText(deps: DeliverDeps, d: LoadedDelivery, mrkdwn: string): Promise<string | null> {
  const { settings } = d;
  const { workspaceId } = d.conversation;
  const slack = await deps.workspaces.slackFor(workspaceId);
  const converted = toCustomerText(mrkdwn, await mentionNames(slack, deps.profiles, workspaceId, mrkdwn));
  const decision = classifyReply(converted, { mode: settings.relayMode, sendMarker: settings.sendMarker });
  return decision.kind === 'relay' ? decision.text : null;
}

// Conversation events name who acted, as the agent badge does on replies.
async function withActorName(deps: DeliverDeps, workspaceId: string, payload: unknown): Promise<unknown> {
  const change = payload as { actor?: { id?: string } };
  const actorId = change.actor?.id;
  if (!actorId) return payload;
  const { name } = await deps.profiles.of(workspaceId, actorId);
  return { ...change, actor: { ...change.actor, name } };
}

// Longer than one attempt can take (the agent's profile and a few mentions looked up in Slack, then the
// webhook, each with a 10 s timeout); a worker that dies mid-send holds the delivery no longer than this.
const LEASE_MS = 60_000;

// One attempt to send, ending in an outcome the relay state machine understands: nothing in here throws for
// a failure the agent should hear about.
async function attempt(deps: DeliverDeps, d: LoadedDelivery): Promise<AttemptOutcome> {
  if (d.message?.deletedAt && d.type === 'agent.message') return { type: 'withdrawn' };
  if (d.message && d.type !== 'agent.message' && d.message.relayState !== 'delivered') {
    // An edit made while the reply was on its way, which then never arrived: there is no copy to change.
    return { type: 'nothing_to_send', why: 'the reply it changes never reached the customer', internal: false };
  }
  let event: object | null;
  try {
    event = await eventFor(deps, d);
  } catch (err) {
    // Reading the agent's name or a mentioned channel failed: Slack's own words say why.
    if (!(err instanceof HandoffError)) throw err;
    return { type: 'failed', why: err.message, retryable: err.retryable };
  }
  if (!event) return { type: 'nothing_to_send', why: 'no longer a reply to send', internal: true };
  if (!deps.target) return { type: 'nothing_to_send', why: 'CUSTOMER_WEBHOOK_URL is not set', internal: false };
  const outcome = await sendWebhook(deps.target, d.id, event);
  return outcome.delivered ? { type: 'delivered' } : { type: 'failed', why: outcome.why, retryable: outcome.retryable };
}

// Counted once stored, so an outcome a worker past its lease reached is not counted twice.
function countOutcome(metrics: DeliverDeps['metrics'], d: LoadedDelivery, state: Step['delivery']): void {
  if (state !== 'delivered' && state !== 'failed' && state !== 'cancelled') return;
  metrics.deliveries.inc({ outcome: state });
  if (state === 'delivered' && d.eventReceivedAt) metrics.relayLatency.observe((Date.now() - d.eventReceivedAt.getTime()) / 1000);
}

// The worker that recorded the outcome shows the agent its feedback (the ✔️) itself, rather than a job of its
// own doing it. What cannot be shown now (Slack's pace or a 429, an error) is queued, after the wait Slack asked
// for so that it does not take a second turn of the pace; the feedback's lease was given back on the way out.
async function showHere(deps: DeliverDeps, feedback: LoadedFeedback): Promise<void> {
  try {
    await deps.showFeedback(feedback);
  } catch (err) {
    const waitMs = err instanceof HandoffError && err.retryAfterSeconds !== undefined ? Math.max(0, err.retryAfterSeconds * 1000) : 0;
    await deps.work.sendFeedback(feedback.id, undefined, waitMs);
  }
}

// Claims the delivery, makes one attempt, and stores what the state machine decides, with the agent's
// feedback; then asks for that feedback, a later attempt, or the conversation's next delivery.
export async function deliver(deps: DeliverDeps, { deliveryId }: JobPayload<'deliver'>): Promise<void> {
  const claim = await claimDelivery(deps.db, deliveryId, LEASE_MS);
  if (claim.status === 'early') {
    // Still in its grace period or backoff, whoever asked for it: come back when that ends.
    throw new HandoffError('busy', 'the delivery is not due yet', [], (claim.notBefore.getTime() - Date.now()) / 1000);
  }
  if (claim.status === 'not_now') return;
  const d = claim.delivery;
  const a = { attempts: d.attempts, maxAttempts: deps.maxAttempts, backoffMs: deps.backoffMs, isReply: d.type === 'agent.message' && d.message !== null };
  const step = d.attempts > deps.maxAttempts ? exhausted(a, d.lastError) : afterAttempt(await attempt(deps, d), a);
  const recorded = await recordStep(deps.db, d, claim.leaseUntil, step, FEEDBACK_LEASE_MS);
  if (!recorded.stored) {
    deps.logger.warn({ deliveryId: d.id }, 'a delivery outlived its lease; the worker that took it over decides');
    return;
  }
  countOutcome(deps.metrics, d, step.delivery);
  await requestWork(deps.logger, [
    ...(recorded.feedback ? [() => showHere(deps, recorded.feedback!)] : []),
    ...(recorded.threadNotice ? [() => deps.work.syncThread(d.conversationId, `undelivered-${d.id}`)] : []),
    // Attempts restart at 1 after Retry, so the job id also names when this one was asked for.
    ...(step.retryInMs !== undefined ? [() => deps.work.deliver(d.id, step.retryInMs, `attempt${d.attempts}at${Date.now()}`)] : []),
    ...(recorded.next ? [() => deps.work.deliver(recorded.next!.id, Math.max(0, recorded.next!.notBefore.getTime() - Date.now()), `after-${d.id}`)] : []),
  ]);
}
