import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/client';
import { finishDelivery, hasEarlierPending, loadDelivery, noteFailedAttempt } from '../../db/repositories/deliveries';
import { loadWorkspaceSettings } from '../../db/repositories/tenancy';
import { withFileLinks, type FileLinkSettings, type SharedFile } from '../../domain/file-link';
import { classifyReply } from '../../domain/relay-policy';
import { HandoffError } from '../../errors';
import { sendWebhook, type WebhookTarget } from '../../platform/send-webhook';
import { agentProfile, mentionNames } from '../../relay/agent-profile';
import { toCustomerText } from '../../relay/customer-text';
import { buildDeliveryFailedReply, buildDeliveryRetriedReply } from '../../slack/blocks/relay-feedback';
import type { JobPayload } from '../definitions';
import { alertGoneReason, slackErrorCode } from '../../slack/errors';
import { slackCall } from './slack-call';

export interface DeliverDeps {
  db: Database;
  slack: WebClient;
  target: WebhookTarget | null;
  fileLinks: FileLinkSettings;
}

export const DELIVERED_REACTION = 'heavy_check_mark';
export const FAILED_REACTION = 'warning';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

// The event as the platform receives it. Agent messages are rendered now, not when written, so an edit made
// during the grace period is what the customer gets, and file links count their lifetime from the sending.
async function eventFor(deps: DeliverDeps, d: Loaded): Promise<object | null> {
  const now = new Date();
  const base = { type: d.type, conversationId: d.conversation.externalId, timestamp: now.toISOString() };
  const m = d.message;
  if (!m) return { ...base, data: await withActorName(deps, d.payload) };
  if (d.type === 'agent.message_deleted') return { ...base, data: { messageId: m.id, agent: await agentProfile(deps.slack, m.authorId!) } };
  const settings = await loadWorkspaceSettings(deps.db, d.conversation.workspaceId);
  const converted = toCustomerText(m.text, await mentionNames(deps.slack, m.text));
  const decision = classifyReply(converted, { mode: settings.relayMode, sendMarker: settings.sendMarker });
  if (decision.kind !== 'relay') return null;
  const agent = await agentProfile(deps.slack, m.authorId!);
  // relayAgentReply stores an agent's files in this shape.
  const attachments = withFileLinks(m.attachments as SharedFile[], deps.fileLinks, d.conversation.workspaceId, now);
  return { ...base, data: { messageId: m.id, text: decision.text, agent, attachments } };
}

// Conversation events name who acted, as the agent badge does on replies.
async function withActorName(deps: DeliverDeps, payload: unknown): Promise<unknown> {
  const change = payload as { actor?: { id?: string } };
  const actorId = change.actor?.id;
  if (!actorId) return payload;
  const { name } = await agentProfile(deps.slack, actorId);
  return { ...change, actor: { ...change.actor, name } };
}

async function react(deps: DeliverDeps, d: Loaded, name: string): Promise<void> {
  const m = d.message!;
  await slackCall('marking the reply', () =>
    deps.slack.reactions.add({ channel: d.conversation.slackChannelId, timestamp: m.slackTs!, name }).catch((err) => {
      // Slack says already_reacted when a retried job reacts twice; that is the state we wanted. A reply whose
      // alert moved since is in the old thread, which may be gone: the outcome is stored either way.
      const error = slackErrorCode(err);
      if (error !== 'already_reacted' && !alertGoneReason(err)) throw err;
    }),
  );
}

async function reportFailure(deps: DeliverDeps, d: Loaded, why: string, retryable: boolean): Promise<void> {
  const m = d.message;
  if (!m?.slackTs || d.type !== 'agent.message') return;
  const reply = buildDeliveryFailedReply({ why, retryable, messageId: m.id, agentId: m.authorId! });
  const posted = await slackCall('telling the agent', () =>
    deps.slack.chat.postMessage({ channel: d.conversation.slackChannelId, thread_ts: d.conversation.slackThreadTs!, ...reply }),
  );
  await deps.db.message.update({ where: { id: m.id }, data: { relayState: 'failed', relayError: why, failureNoticeTs: posted.ts } });
  await react(deps, d, FAILED_REACTION);
}

export async function deliver(deps: DeliverDeps, { deliveryId }: JobPayload<'deliver'>, finalAttempt: boolean): Promise<void> {
  const d = await loadDelivery(deps.db, deliveryId);
  if (!d || d.state !== 'pending') return;
  const waitMs = d.notBefore.getTime() - Date.now();
  if (waitMs > 0) {
    // Still in the grace period, whoever asked for this delivery: come back when it ends.
    throw new HandoffError('busy', 'the reply is still in its grace period', [], waitMs / 1000);
  }
  if (await hasEarlierPending(deps.db, d)) throw new HandoffError('busy', 'an earlier event for this conversation is still on its way');
  if (d.message?.deletedAt && d.type === 'agent.message') {
    // Deleted during the grace period: the customer never sees it.
    await finishDelivery(deps.db, d.id, { state: 'cancelled' });
    await deps.db.message.update({ where: { id: d.message.id }, data: { relayState: 'withdrawn' } });
    return;
  }
  const event = await eventFor(deps, d);
  if (!event || !deps.target) {
    await finishDelivery(deps.db, d.id, { state: 'cancelled', error: deps.target ? 'no longer a reply to send' : 'CUSTOMER_WEBHOOK_URL is not set' });
    if (d.message && d.type === 'agent.message') {
      await deps.db.message.update({ where: { id: d.message.id }, data: { relayState: event ? 'not_relayed' : 'internal' } });
    }
    return;
  }
  const outcome = await sendWebhook(deps.target, d.id, event);
  if (outcome.delivered) {
    await finishDelivery(deps.db, d.id, { state: 'delivered' });
    if (d.message && d.type === 'agent.message') {
      await deps.db.message.update({ where: { id: d.message.id }, data: { relayState: 'delivered', relayError: null } });
      await react(deps, d, DELIVERED_REACTION);
      if (d.message.failureNoticeTs) {
        // The failure reply offered Retry; now it says the retry worked, and the button is gone.
        const notice = buildDeliveryRetriedReply({ agentId: d.message.authorId! });
        await slackCall('updating the failure notice', () =>
          deps.slack.chat.update({ channel: d.conversation.slackChannelId, ts: d.message!.failureNoticeTs!, ...notice }),
        );
      }
    }
    return;
  }
  if (outcome.retryable && !finalAttempt) {
    await noteFailedAttempt(deps.db, d.id, outcome.why);
    throw new HandoffError('platform_unavailable', outcome.why);
  }
  await finishDelivery(deps.db, d.id, { state: 'failed', error: outcome.why });
  await reportFailure(deps, d, outcome.why, outcome.retryable);
}
