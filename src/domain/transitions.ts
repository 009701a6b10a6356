import { ConversationState, Priority, Reason, higherPriority, isOpen } from './conversation';
import { addTags } from './tags';

// What someone or something asks of a conversation.
export type Command =
  // A later alert adds the tags it carries and never takes one away: an agent may have set them since.
  | { type: 'alert'; reason: Reason; priority: Priority; tags?: string[] }
  | { type: 'take_over'; actorId: string; confirmedSteal?: boolean }
  | { type: 'reply'; actorId: string }
  | { type: 'assign'; actorId: string; assigneeId: string; note?: string; priority?: Priority }
  | { type: 'tag'; actorId: string; add: string[]; remove: string[] }
  // `note`: what the AI should know when it answers the customer again ("refund issued, don't offer another").
  | { type: 'close'; actorId: string; note?: string }
  | { type: 'reopen'; actorId: string }
  | { type: 'restore'; actorId: string; note?: string };

// What the bot platform is told, so the AI pauses or resumes.
export type PlatformEventType =
  | 'conversation.taken_over'
  | 'conversation.assigned'
  | 'conversation.tagged'
  | 'conversation.closed'
  | 'conversation.restored'
  | 'conversation.reopened'
  // A new alert found nobody online to take it: the bot can tell the customer when to expect a person.
  | 'conversation.unattended';

export type EventType =
  | 'alert_received'
  | 'reopened_by_alert'
  | 'taken_over'
  | 'assigned'
  | 'tagged'
  | 'closed'
  | 'reopened'
  | 'restored';

export interface Transition {
  next: ConversationState;
  event: { type: EventType; actorId: string | null; data: Record<string, unknown> };
  platformEvent: PlatformEventType | null;
  // Who else should hear about it directly (an agent the conversation was taken from, a new assignee).
  notify: { userId: string; why: 'taken_from' | 'assigned' }[];
}

export type RefusalCode =
  | 'already_yours'
  | 'held_by_other'
  | 'closed'
  | 'already_closed'
  | 'already_open'
  | 'already_with_ai'
  | 'no_change';

export interface Refusal {
  refused: RefusalCode;
  // The agent currently holding the conversation, when that is the reason.
  holderId?: string;
}

export type Decision = Transition | Refusal;

export function isRefusal(d: Decision): d is Refusal {
  return 'refused' in d;
}

function transition(
  next: ConversationState,
  type: EventType,
  actorId: string | null,
  data: Record<string, unknown>,
  platformEvent: PlatformEventType | null,
  notify: Transition['notify'] = [],
): Transition {
  return { next, event: { type, actorId, data }, platformEvent, notify };
}

export function decide(state: ConversationState, command: Command): Decision {
  switch (command.type) {
    case 'alert': {
      const priority = higherPriority(state.priority, command.priority);
      const tags = addTags(state.tags, command.tags ?? []);
      const data = { reason: command.reason, priority, previousPriority: state.priority };
      if (isOpen(state.status)) {
        return transition({ ...state, reason: command.reason, priority, tags }, 'alert_received', null, data, null);
      }
      // A new alert after the AI got it back, or after closing, brings it back to the humans in the same thread.
      return transition(
        { ...state, status: 'waiting', assigneeId: null, reason: command.reason, priority, tags },
        'reopened_by_alert',
        null,
        { ...data, previousStatus: state.status },
        null,
      );
    }
    case 'take_over':
    case 'reply': {
      if (state.status === 'closed' && command.type === 'take_over') return { refused: 'closed' };
      if (state.status === 'human' && state.assigneeId === command.actorId) return { refused: 'already_yours' };
      const holder = state.status === 'human' ? state.assigneeId : null;
      if (holder && command.type === 'take_over' && !command.confirmedSteal) {
        return { refused: 'held_by_other', holderId: holder };
      }
      if (holder && command.type === 'reply') return { refused: 'held_by_other', holderId: holder };
      return transition(
        { ...state, status: 'human', assigneeId: command.actorId },
        'taken_over',
        command.actorId,
        { previousStatus: state.status, previousAssigneeId: state.assigneeId, viaReply: command.type === 'reply' },
        'conversation.taken_over',
        holder ? [{ userId: holder, why: 'taken_from' }] : [],
      );
    }
    case 'assign': {
      if (state.status === 'closed') return { refused: 'closed' };
      const priority = command.priority ?? state.priority;
      const holder = state.status === 'human' ? state.assigneeId : null;
      if (holder === command.assigneeId && priority === state.priority) return { refused: 'no_change' };
      // An agent a conversation is moved away from must stop replying, just as when a colleague takes it over.
      const notify: Transition['notify'] = [];
      if (holder && holder !== command.assigneeId && holder !== command.actorId) notify.push({ userId: holder, why: 'taken_from' });
      if (command.assigneeId !== command.actorId) notify.push({ userId: command.assigneeId, why: 'assigned' });
      return transition(
        { ...state, status: 'human', assigneeId: command.assigneeId, priority },
        'assigned',
        command.actorId,
        {
          assigneeId: command.assigneeId,
          previousAssigneeId: state.assigneeId,
          note: command.note ?? null,
          priority,
        },
        'conversation.assigned',
        notify,
      );
    }
    case 'tag': {
      const removed = new Set(command.remove);
      const tags = [...new Set([...state.tags.filter((t) => !removed.has(t)), ...command.add])];
      const same = tags.length === state.tags.length && tags.every((t) => state.tags.includes(t));
      if (same) return { refused: 'no_change' };
      const added = tags.filter((t) => !state.tags.includes(t));
      const dropped = state.tags.filter((t) => !tags.includes(t));
      return transition({ ...state, tags }, 'tagged', command.actorId, { tags, added, removed: dropped }, 'conversation.tagged');
    }
    case 'close': {
      if (state.status === 'closed') return { refused: 'already_closed' };
      return transition(
        { ...state, status: 'closed' },
        'closed',
        command.actorId,
        // Who held it as it closed: the agent a later customer rating is counted for.
        { previousStatus: state.status, assigneeId: state.assigneeId, note: command.note ?? null },
        'conversation.closed',
      );
    }
    case 'reopen': {
      if (state.status !== 'closed') return { refused: 'already_open' };
      return transition(
        { ...state, status: 'waiting', assigneeId: null },
        'reopened',
        command.actorId,
        {},
        'conversation.reopened',
      );
    }
    case 'restore': {
      if (state.status === 'ai') return { refused: 'already_with_ai' };
      if (state.status === 'closed') return { refused: 'closed' };
      return transition(
        { ...state, status: 'ai', assigneeId: null },
        'restored',
        command.actorId,
        { previousStatus: state.status, previousAssigneeId: state.assigneeId, note: command.note ?? null },
        'conversation.restored',
      );
    }
  }
}
