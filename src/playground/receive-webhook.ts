import type { RequestHandler } from 'express';
import { parseBody } from '../http/schemas/common';
import type { PlaygroundStates } from './conversation-state';
import type { PlaygroundFeed } from './feed';
import { toPageEvent, webhookEnvelope } from './page-events';

// POST /playground/webhook, behind the Standard Webhooks check: where Handoff delivers agent replies and
// conversation changes in playground mode. It answers as a platform does, after passing the event on, so a
// delivery the pages could not get is retried by Handoff.
export function receiveWebhook(feed: PlaygroundFeed, states: PlaygroundStates): RequestHandler {
  return async (req, res) => {
    const { webhookId, body } = req.platform!;
    const webhook = parseBody(webhookEnvelope, body);
    const event = toPageEvent(webhook);
    // A retry of a delivery the pages already got (its answer was lost) is dropped, as Standard Webhooks asks.
    if (event && (await states.firstDelivery(webhookId))) {
      try {
        if (event.kind === 'change') await states.set(webhook.conversationId, { status: event.status, agent: event.actor });
        await feed.publish(webhook.conversationId, event);
      } catch (err) {
        await states.forgetDelivery(webhookId).catch(() => undefined);
        throw err;
      }
    }
    res.json({ ok: true });
  };
}
