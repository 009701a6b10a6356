import type { AlertMoveReason } from '../../domain/alert-move';
import { date, emoji, literal, user, words, type Leaf } from './rich-text';

export interface ActivityEvent {
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const MAX_NOTE = 500;
const MAX_WORD = 40;
const MAX_TAG = 50;

const MOVED_BECAUSE: Record<AlertMoveReason, string> = {
  message_deleted: 'the alert message was deleted',
  thread_gone: 'its thread was gone',
  channel_gone: 'its channel was archived or Handoff was removed from it',
};

function who(userId: unknown): Leaf {
  return user(typeof userId === 'string' ? userId : null, 'someone');
}

// Stored event data is JSON nobody re-checks on the way out; even the values our enums allow are literal.
function word(value: unknown): Leaf {
  return literal(String(value), MAX_WORD);
}

function tagList(tags: unknown): Leaf[] {
  if (!Array.isArray(tags)) return [];
  return tags.flatMap((t, i) => [...(i > 0 ? [words(', ')] : []), literal(String(t), MAX_TAG)]);
}

// A note someone typed in a modal: their own words, shown as typed.
function quotedNote(note: unknown, label: string): Leaf[] {
  return typeof note === 'string' && note.trim() ? [words(` — ${label}“`), literal(note.trim(), MAX_NOTE), words('”')] : [];
}

function when(at: Date): Leaf {
  return date(at, '{time}', `${at.toISOString().slice(11, 16)} UTC`);
}

function actorDid(icon: string, e: ActivityEvent, ...what: Leaf[]): Leaf[] {
  return [emoji(icon), words(' '), who(e.actorId), ...what];
}

function describe(e: ActivityEvent): Leaf[] {
  const d = e.data;
  switch (e.type) {
    case 'alert_received': {
      const raised = d.previousPriority && d.previousPriority !== d.priority ? [words(' (raised from '), word(d.previousPriority), words(')')] : [];
      return [emoji(':bell:'), words(' New alert: '), word(d.reason), words(', priority '), word(d.priority), ...raised];
    }
    case 'reopened_by_alert':
      return [
        emoji(':arrows_counterclockwise:'),
        words(' Reopened by a new alert ('),
        word(d.reason),
        words(', priority '),
        word(d.priority),
        words(`); it was ${d.previousStatus === 'ai' ? 'with the AI' : 'closed'}`),
      ];
    case 'taken_over': {
      const from = d.previousAssigneeId && d.previousStatus === 'human' ? [words(' from '), who(d.previousAssigneeId)] : [];
      const how = d.viaReply ? ' by replying' : '';
      return actorDid(':technologist:', e, words(' took over'), ...from, words(`${how}; the AI is paused`));
    }
    case 'assigned': {
      const target = d.assigneeId === e.actorId ? words('themselves') : who(d.assigneeId);
      return actorDid(':bust_in_silhouette:', e, words(' assigned this to '), target, words(' (priority '), word(d.priority), words(')'), ...quotedNote(d.note, ''));
    }
    case 'tagged': {
      const added = tagList(d.added);
      const removed = tagList(d.removed);
      const parts = [...(added.length ? [[words('added '), ...added]] : []), ...(removed.length ? [[words('removed '), ...removed]] : [])];
      const changes = parts.length ? parts.flatMap((part, i) => [...(i > 0 ? [words('; ')] : []), ...part]) : [words('changed the tags')];
      return actorDid(':label:', e, words(' '), ...changes);
    }
    case 'closed':
      return actorDid(':white_check_mark:', e, words(" closed the conversation; the AI answers the customer's next message"), ...quotedNote(d.note, 'note for the AI: '));
    case 'reopened':
      return actorDid(':arrows_counterclockwise:', e, words(' reopened the conversation'));
    case 'restored':
      return actorDid(':robot_face:', e, words(' handed the conversation back to the AI, with the full context'), ...quotedNote(d.note, 'note for the AI: '));
    case 'moved':
      return [
        emoji(':arrow_heading_down:'),
        words(` This conversation moved to a new alert: ${MOVED_BECAUSE[d.reason as AlertMoveReason] ?? 'the old one could no longer take posts'}. Everything said so far is below`),
      ];
    default:
      return [emoji(':information_source:'), words(' '), literal(e.type, 100)];
  }
}

// One line in the thread saying who did what, when. Everything untrusted in it is a literal leaf.
export function activityLine(e: ActivityEvent, at: Date): Leaf[] {
  return [...describe(e), words(' · '), when(at)];
}
