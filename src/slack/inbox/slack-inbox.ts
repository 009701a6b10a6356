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

// The handlers for events of one workspace (its team id), bound to that workspace's client and bot. A team
// Handoff is not installed in gets only the handlers that need no token (an uninstall arriving late).
export type SlackEventRouter = (teamId: string | null) => Promise<SlackEventHandlers>;

// By the event's own type only: a type such as `constructor` names no handler.
export function handlerFor(handlers: SlackEventHandlers, type: string): SlackEventHandler | undefined {
  return Object.hasOwn(handlers, type) ? handlers[type] : undefined;
}

export function slackInbox(db: Database, work: WorkQueue, route: SlackEventRouter): SlackInbox {
  return {
    wants: async (e) => handlerFor(await route(e.teamId), e.type)?.wants(e.event) ?? false,
    store: (e, raw) => storeSlackEvent(db, { key: e.eventId, lane: laneOf(e.event), payload: raw }),
    handle: (e) => work.handleSlackEvent(e.eventId),
  };
}
