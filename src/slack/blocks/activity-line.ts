import { PRIORITIES, REASONS } from '../../domain/conversation';
import type { AlertMoveReason } from '../../domain/alert-move';
import { REASON } from './alert-message';
import type { Piece } from './context-line';
import { clipPlain } from './escape';
import { mention, slackDate } from './mention';
import { plainLiteral } from './rich-text';

export interface ActivityEvent {
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const MAX_NOTE = 500;
const MAX_WORD = 40;
const MAX_TAG = 50;
const MAX_TAGS = 1_000;

const MOVED_BECAUSE: Record<AlertMoveReason, string> = {
  message_deleted: 'the alert message was deleted',
  thread_gone: 'its thread was gone',
  channel_gone: 'its channel was archived or Handoff was removed from it',
};

function who(userId: unknown): string {
  return mention(typeof userId === 'string' ? userId : null, 'someone');
}

// Stored event data is JSON nobody re-checks on the way out: a value our enum allows is named in our own
// words, which may be bold; anything else is shown as plain text, as stored.
function known<T extends string>(values: readonly T[], value: unknown, name: (v: T) => string, strong: boolean): Piece {
  if (!(values as readonly unknown[]).includes(value)) return plainLiteral(String(value), MAX_WORD, '?');
  return strong ? `*${name(value as T)}*` : name(value as T);
}

function reason(value: unknown): Piece {
  return known(REASONS, value, (r) => REASON[r].label, true);
}

function priority(value: unknown, strong = true): Piece {
  return known(PRIORITIES, value, (p) => p, strong);
}

// Tags are the team's own words, so all of a list is one plain text.
function tagList(tags: unknown): Piece | null {
  if (!Array.isArray(tags) || tags.length === 0) return null;
  return plainLiteral(tags.map((t) => clipPlain(String(t), MAX_TAG)).join(', '), MAX_TAGS, '?');
}

// A note someone typed in a modal: their own words, shown as typed, in quotes of ours.
function quotedNote(note: unknown, label: string): Piece[] {
  if (typeof note !== 'string' || !note.trim()) return [];
  return [` — ${label}`, plainLiteral(`“${clipPlain(note.trim(), MAX_NOTE)}”`, MAX_NOTE + 2, '“”')];
}

function when(at: Date): string {
  return slackDate(at, '{time}', `${at.toISOString().slice(11, 16)} UTC`);
}

function describe(e: ActivityEvent): Piece[] {
  const d = e.data;
  switch (e.type) {
    case 'alert_received': {
      const raised = d.previousPriority && d.previousPriority !== d.priority ? [' (raised from ', priority(d.previousPriority, false), ')'] : [];
      return [':bell: New alert: ', reason(d.reason), ', priority ', priority(d.priority), ...raised];
    }
    case 'reopened_by_alert':
      return [':arrows_counterclockwise: Reopened by a new alert (', reason(d.reason), ', priority ', priority(d.priority), `); it was ${d.previousStatus === 'ai' ? 'with the AI' : 'closed'}`];
    case 'taken_over': {
      const from = d.previousAssigneeId && d.previousStatus === 'human' ? ` from ${who(d.previousAssigneeId)}` : '';
      const how = d.viaReply ? ' by replying' : '';
      return [`:technologist: ${who(e.actorId)} took over${from}${how}; the AI is paused`];
    }
    case 'assigned': {
      const target = d.assigneeId === e.actorId ? 'themselves' : who(d.assigneeId);
      return [`:bust_in_silhouette: ${who(e.actorId)} assigned this to ${target} (priority `, priority(d.priority), ')', ...quotedNote(d.note, '')];
    }
    case 'tagged':
      return [`:label: ${who(e.actorId)} `, ...tagChanges(tagList(d.added), tagList(d.removed))];
    case 'closed':
      return [`:white_check_mark: ${who(e.actorId)} closed the conversation; the AI answers the customer's next message`, ...quotedNote(d.note, 'note for the AI:')];
    case 'reopened':
      return [`:arrows_counterclockwise: ${who(e.actorId)} reopened the conversation`];
    case 'restored':
      return [`:robot_face: ${who(e.actorId)} handed the conversation back to the AI, with the full context`, ...quotedNote(d.note, 'note for the AI:')];
    case 'moved': {
      const why = typeof d.reason === 'string' && Object.hasOwn(MOVED_BECAUSE, d.reason) ? MOVED_BECAUSE[d.reason as AlertMoveReason] : 'the old one could no longer take posts';
      return [`:arrow_heading_down: This conversation moved to a new alert: ${why}. Everything said so far is below`];
    }
    default:
      return [':information_source: ', plainLiteral(e.type, 100, '?')];
  }
}

function tagChanges(added: Piece | null, removed: Piece | null): Piece[] {
  if (added && removed) return ['added ', added, ' and removed ', removed];
  if (added) return ['added ', added];
  if (removed) return ['removed ', removed];
  return ['changed the tags'];
}

// One line in the thread saying who did what, when: our words as mrkdwn, each untrusted piece plain text.
export function activityLine(e: ActivityEvent, at: Date): Piece[] {
  return [...describe(e), ` · ${when(at)}`];
}
