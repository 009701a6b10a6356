import type { Button, KnownBlock } from '@slack/types';
import type { Declined, PersonCommand } from '../../domain/authority';
import type { Priority } from '../../domain/conversation';
import type { Refusal, RefusalCode } from '../../domain/transitions';
import { ACTIONS } from '../ids';
import { mention } from './mention';
import { mrkdwnSection, verbatimMrkdwn } from './escape';
import { richLink } from './rich-link';
import { bold, emoji, fallbackText, literal, literalOr, richText, user, words, type Leaf } from './rich-text';
import { PRIORITY_LABEL, customerLabel } from './triage-modals';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RefusalContext {
  conversationId: string;
  // What the person tried, since the same refusal reads differently after a take over and after a reply.
  command: PersonCommand['type'];
  // Which listener the offer to take over from a colleague goes to: the alert's, unless it was made elsewhere.
  takeOverAnyway?: string;
}

export interface AssignedDMInput {
  actorId: string;
  conversationPermalink: string | null;
  customerName: string;
  note: string | null;
  priority: Priority;
}

export interface TakenFromDMInput {
  actorId: string;
  customerName: string;
  permalink: string | null;
  // Who has it now, when a supervisor moved it to someone other than themselves.
  assigneeId?: string | null;
}

const MAX = { reason: 1_000, note: 1_000 } as const;

const REFUSAL: Record<Exclude<RefusalCode, 'held_by_other' | 'no_change'>, string> = {
  already_yours: 'You already have this conversation.',
  closed: 'This conversation is closed. Reopen it first.',
  already_closed: 'This conversation is already closed.',
  already_open: 'This conversation is not closed, so there is nothing to reopen.',
  already_with_ai: 'The AI already has this conversation.',
};

// Ephemeral: only the person whose action did not apply learns why.
export function buildRefusal(refusal: Refusal, ctx: RefusalContext): SlackMessage {
  if (refusal.refused === 'held_by_other') return heldByOther(refusal.holderId, ctx);
  const text = refusal.refused === 'no_change' ? nothingChanged(ctx.command) : REFUSAL[refusal.refused];
  return { text, blocks: [mrkdwnSection(text)] };
}

export function buildDeclined(declined: Declined, ctx: RefusalContext): SlackMessage {
  return 'denied' in declined ? buildAuthorityDenied(declined.denied) : buildRefusal(declined.refusal, ctx);
}

// Deleted since the message was posted, or (with many workspaces) a conversation of another workspace.
export function buildConversationGone(): SlackMessage {
  const text = 'This conversation is no longer in Handoff.';
  return { text, blocks: [mrkdwnSection(text)] };
}

export function buildTryAgain(): SlackMessage {
  const text = 'Handoff could not finish that just now. Try again in a moment.';
  return { text, blocks: [mrkdwnSection(`:warning: ${text}`)] };
}

// `reason` comes from mayAct and may name a user group, so it is shown literally like any text we did not
// write here.
export function buildAuthorityDenied(reason: string): SlackMessage {
  const why = literalOr(reason, MAX.reason, 'You may not do that in this conversation.');
  return { text: fallbackText([why]), blocks: [richText([emoji(':lock:'), words(' '), why])] };
}

export function buildAssignedDM(c: AssignedDMInput): SlackMessage {
  const what = [user(c.actorId, 'Someone'), words(' assigned you the conversation with '), customerLabel(c.customerName)];
  const priority = PRIORITY_LABEL[c.priority];
  const note = c.note?.trim() ? [richText([bold('Note'), words('\n'), literal(c.note.trim(), MAX.note)])] : [];
  return {
    text: `${fallbackText(what)} (${priority.toLowerCase()} priority)`,
    blocks: [richText([...what, words('.\nPriority: '), bold(priority)]), ...note, ...richLink(c.conversationPermalink, 'Open the thread')],
  };
}

// Replies in the thread are still relayed to the customer, so the previous agent is asked to step back.
export function buildTakenFromDM(c: TakenFromDMInput): SlackMessage {
  const customer = customerLabel(c.customerName);
  const who = user(c.actorId, 'A colleague');
  const movedTo = c.assigneeId && c.assigneeId !== c.actorId ? user(c.assigneeId, 'a colleague') : null;
  const what: Leaf[] = movedTo
    ? [who, words(' reassigned your conversation with '), customer, words(' to '), movedTo, words('.')]
    : [who, words(' took over your conversation with '), customer, words('.')];
  return {
    text: fallbackText(what),
    blocks: [
      richText([...what, words('\nYour replies in its thread still reach the customer, so leave the talking to them.')]),
      ...richLink(c.permalink, 'Open the thread'),
    ],
  };
}

function heldByOther(holderId: string | undefined, ctx: RefusalContext): SlackMessage {
  const holder = mention(holderId, 'A colleague');
  if (ctx.command === 'reply') {
    const text = `${holder} is handling this conversation, so your reply did not take it over.`;
    return { text, blocks: [mrkdwnSection(text)] };
  }
  const text = `${holder} already has this conversation.`;
  const offer: KnownBlock[] = ctx.command === 'take_over' ? [{ type: 'actions', elements: [takeOverFromThem(holderId, ctx.conversationId, ctx.takeOverAnyway ?? ACTIONS.takeOverConfirmed)] }] : [];
  return { text, blocks: [mrkdwnSection(text), ...offer] };
}

// Taking a conversation from someone mid-reply is disruptive, so Slack asks once more before it happens.
function takeOverFromThem(holderId: string | undefined, conversationId: string, actionId: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: 'Take over from them' },
    action_id: actionId,
    value: conversationId,
    style: 'danger',
    confirm: {
      title: { type: 'plain_text', text: 'Take over from a colleague?' },
      text: verbatimMrkdwn(`${mention(holderId, 'They')} will be told that you took the conversation over.`),
      confirm: { type: 'plain_text', text: 'Take over' },
      deny: { type: 'plain_text', text: 'Cancel' },
      style: 'danger',
    },
  };
}

function nothingChanged(command: PersonCommand['type']): string {
  if (command === 'assign') return 'Nothing changed: the conversation is already assigned that way.';
  if (command === 'tag') return 'Nothing changed: the conversation already has those tags.';
  return 'Nothing changed.';
}
