import type { KnownBlock } from '@slack/types';
import type { Overdue } from '../../domain/response-targets';
import { ACTIONS } from '../ids';
import { button, duration } from './alert-message';
import { mrkdwnSection } from './escape';
import { richLink } from './rich-link';
import { emoji, fallbackText, richText, words, type Leaf } from './rich-text';
import { buildNoticePost } from './thread-posts';
import type { SlackMessage } from './triage-messages';
import { PRIORITY_LABEL, customerLabel } from './triage-modals';

// A user group id as Slack writes it; anything else stored in the setting would be raw markup.
const USER_GROUP_ID = /^S[A-Z0-9]{2,}$/;

function target({ priority, allowedSeconds }: Overdue): string {
  return `the ${PRIORITY_LABEL[priority].toLowerCase()}-priority target of ${duration(allowedSeconds * 1000)}`;
}

function waited(o: Overdue): string {
  return duration(o.at.getTime() - o.since.getTime());
}

// The line in the thread once a waiting conversation is past its first-response target.
export function buildFirstResponseReminder(o: Overdue): { text: string; blocks: KnownBlock[] } {
  return buildNoticePost([`:alarm_clock: Nobody has taken this conversation yet. The customer has waited ${waited(o)}, past ${target(o)}.`]);
}

// Posted in the alerts channel at twice the target (`o.allowedSeconds`): it pings the supervisors, or whoever
// is there, so the mention is built here from the setting, never from anything the customer wrote. The ping is
// our own mrkdwn, the customer's name a line of rich text under it.
export function buildEscalation(c: { supervisorsUserGroup: string | null; customerName: string; permalink: string | null }, o: Overdue): SlackMessage {
  const group = c.supervisorsUserGroup && USER_GROUP_ID.test(c.supervisorsUserGroup) ? `<!subteam^${c.supervisorsUserGroup}>` : '<!here>';
  const what = `A conversation has waited ${waited(o)} with nobody on it, twice ${target({ ...o, allowedSeconds: o.allowedSeconds / 2 })}.`;
  const customer = [words('Customer: '), customerLabel(c.customerName)];
  return {
    text: `${group} ${what} ${fallbackText(customer)}`,
    blocks: [mrkdwnSection(`:rotating_light: ${group} ${what}`), richText([emoji(':bust_in_silhouette:'), words(' '), ...customer]), ...richLink(c.permalink, 'Open the thread')],
  };
}

// To the assignee, once per unanswered stretch: the customer wrote and nobody has answered yet.
export function buildReplyOverdueDM(c: { customerName: string; permalink: string | null }, o: Overdue): SlackMessage {
  return dm(':hourglass_flowing_sand:', [customerLabel(c.customerName), words(` has waited ${waited(o)} for your reply, past ${target(o)}.`)], c.permalink);
}

// To the assignee of a conversation gone quiet: the same Close and Restore to AI as on the alert, so the same
// rules decide who may press them, and nothing changes until someone does.
export function buildIdleOfferDM(c: { conversationId: string; customerName: string; permalink: string | null }, o: Overdue): SlackMessage {
  const what = [words('Your conversation with '), customerLabel(c.customerName), words(` has been quiet for ${waited(o)}. Close it, or restore it to the AI?`)];
  const message = dm(':zzz:', what, c.permalink);
  const actions: KnownBlock = { type: 'actions', elements: [button('Close', ACTIONS.close, c.conversationId, 'danger'), button('Restore to AI', ACTIONS.restore, c.conversationId)] };
  return { ...message, blocks: [...message.blocks, actions] };
}

function dm(icon: string, what: Leaf[], permalink: string | null): SlackMessage {
  return { text: fallbackText(what), blocks: [richText([emoji(icon), words(' '), ...what]), ...richLink(permalink, 'Open the thread')] };
}
