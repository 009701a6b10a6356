import type { AlertMoveReason } from '../../domain/alert-move';
import { escapeAndClip } from './escape';
import { mention, slackDate } from './mention';

export interface ActivityEvent {
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const MAX_NOTE = 500;
const MAX_WORD = 40;

const MOVED_BECAUSE: Record<AlertMoveReason, string> = {
  message_deleted: 'the alert message was deleted',
  thread_gone: 'its thread was gone',
  channel_gone: 'its channel was archived or Handoff was removed from it',
};

function who(userId: unknown): string {
  return mention(typeof userId === 'string' ? userId : null, 'someone');
}

// Stored event data is JSON nobody re-checks on the way out; even the values our enums allow are escaped.
function word(value: unknown): string {
  return escapeAndClip(String(value), MAX_WORD);
}

function tagList(tags: unknown): string {
  return Array.isArray(tags) && tags.length ? tags.map((t) => `\`${escapeAndClip(String(t), 50)}\``).join(' ') : '';
}

// A note someone typed in a modal: their own words, shown as typed but never as markup.
function quotedNote(note: unknown, label: string): string {
  return typeof note === 'string' && note.trim() ? ` — ${label}“${escapeAndClip(note.trim(), MAX_NOTE)}”` : '';
}

function when(at: Date): string {
  return slackDate(at, '{time}', `${at.toISOString().slice(11, 16)} UTC`);
}

function describe(e: ActivityEvent): string {
  const d = e.data;
  switch (e.type) {
    case 'alert_received': {
      const raised = d.previousPriority && d.previousPriority !== d.priority ? ` (raised from ${word(d.previousPriority)})` : '';
      return `:bell: New alert: *${word(d.reason)}*, priority *${word(d.priority)}*${raised}`;
    }
    case 'reopened_by_alert':
      return `:arrows_counterclockwise: Reopened by a new alert (*${word(d.reason)}*, priority *${word(d.priority)}*); it was ${d.previousStatus === 'ai' ? 'with the AI' : 'closed'}`;
    case 'taken_over': {
      const from = d.previousAssigneeId && d.previousStatus === 'human' ? ` from ${who(d.previousAssigneeId)}` : '';
      const how = d.viaReply ? ' by replying' : '';
      return `:technologist: ${who(e.actorId)} took over${from}${how}; the AI is paused`;
    }
    case 'assigned': {
      const note = quotedNote(d.note, '');
      const target = d.assigneeId === e.actorId ? 'themselves' : who(d.assigneeId);
      return `:bust_in_silhouette: ${who(e.actorId)} assigned this to ${target} (priority *${word(d.priority)}*)${note}`;
    }
    case 'tagged': {
      const added = tagList(d.added);
      const removed = tagList(d.removed);
      const parts = [added && `added ${added}`, removed && `removed ${removed}`].filter(Boolean).join(', ');
      return `:label: ${who(e.actorId)} ${parts || 'changed the tags'}`;
    }
    case 'closed':
      return `:white_check_mark: ${who(e.actorId)} closed the conversation; the AI answers the customer's next message${quotedNote(d.note, 'note for the AI: ')}`;
    case 'reopened':
      return `:arrows_counterclockwise: ${who(e.actorId)} reopened the conversation`;
    case 'restored':
      return `:robot_face: ${who(e.actorId)} handed the conversation back to the AI, with the full context${quotedNote(d.note, 'note for the AI: ')}`;
    case 'moved':
      return `:arrow_heading_down: This conversation moved to a new alert: ${MOVED_BECAUSE[d.reason as AlertMoveReason] ?? 'the old one could no longer take posts'}. Everything said so far is below`;
    default:
      return `:information_source: ${escapeAndClip(e.type, 100)}`;
  }
}

// One line in the thread saying who did what, when. Everything untrusted in it is escaped here.
export function activityLine(e: ActivityEvent, at: Date): string {
  return `${describe(e)} · ${when(at)}`;
}
