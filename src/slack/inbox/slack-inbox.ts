import type { Database } from '../../db/client';
import { storeSlackEvent } from '../../db/repositories/slack-inbox';
import type { WorkQueue } from '../../jobs/work-queue';
import type { EventEnvelope } from '../payloads';
import type { SlackInbox } from '../durable-receiver';
import { laneOf } from './lane';

// One kind of Slack event Handoff acts on: which of them can cause work, and the work, run from the inbox.
export interface SlackEventHandler {
  wants(event: Record<string, unknown>): boolean;
  handle(eventId: string, event: Record<string, unknown>): Promise<void>;
}

export type SlackEventHandlers = Record<string, SlackEventHandler>;

// By the event's own type only: a type such as `constructor` names no handler.
export function handlerFor(handlers: SlackEventHandlers, type: string): SlackEventHandler | undefined {
  return Object.hasOwn(handlers, type) ? handlers[type] : undefined;
}

export function slackInbox(db: Database, work: WorkQueue, handlers: SlackEventHandlers): SlackInbox {
  return {
    wants: (e) => handlerFor(handlers, e.type)?.wants(e.event) ?? false,
    store: (e, raw) => storeSlackEvent(db, { key: e.eventId, lane: laneOf(e.event), payload: raw }),
    handle: (e) => work.handleSlackEvent(e.eventId),
  };
}
