import type { Button, KnownBlock } from '@slack/types';
import type { ChannelType } from '../../domain/conversation';
import type { DeliveryProblem, RelayMode } from '../../domain/relay-policy';
import { ACTIONS } from '../ids';
import { clip, mrkdwnContext, mrkdwnSection } from './escape';
import { slackDateTime } from './mention';
import { emoji, fallbackText, literal, literalOr, richText, user, words, type Leaf } from './rich-text';

// What an agent sees about their own replies: how the thread relays, why a reply was held back or failed.

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface DeliveryFailedReply {
  why: string;
  retryable: boolean;
  messageId: string;
  agentId: string;
}

export interface ThreadIntro {
  customerName: string;
  channelType: ChannelType;
  relayMode: RelayMode;
  sendMarker: string;
  graceSeconds: number;
}

// `name` starts a clause ("Instagram accepts …"); `reach` ends one ("… go to Jane on Instagram").
const CHANNEL: Record<ChannelType, { name: string; reach: string }> = {
  web: { name: 'the web chat', reach: 'in the web chat' },
  whatsapp: { name: 'WhatsApp', reach: 'on WhatsApp' },
  instagram: { name: 'Instagram', reach: 'on Instagram' },
  messenger: { name: 'Messenger', reach: 'on Messenger' },
  email: { name: 'email', reach: 'by email' },
  sms: { name: 'SMS', reach: 'by SMS' },
  other: { name: "the customer's channel", reach: 'on their channel' },
};

const MAX_WHY = 600;
const MAX_CUSTOMER_NAME = 100;
const MAX_MARKER = 50;
// An opening bracket could start a mention; control characters and surrogates are clipPlain's to clean.
const NEEDS_CLEANING = /<|&lt;|[\u0000-\u001f\u007f\ud800-\udfff]/i;
// The id is ours, but it is the one raw `<` in these messages: anything not shaped like a user id gets no mention.
const COUNT = new Intl.NumberFormat('en-US');

// Posted in the thread under the reply, so the agent sees which one failed and can send it again.
export function buildDeliveryFailedReply(f: DeliveryFailedReply): SlackMessage {
  const line = [emoji(':warning:'), words(' '), ...yourReply(f.agentId), words(' was not delivered: '), literal(f.why.trim(), MAX_WHY)];
  const message = literalLine(line);
  if (f.retryable) message.blocks.push({ type: 'actions', elements: [retryButton(f.messageId)] });
  return message;
}

// Replaces the failure notice once a retry got through, which also takes its Retry button away.
export function buildDeliveryRetriedReply(f: { agentId: string }): SlackMessage {
  const line = `:white_check_mark: ${fallbackText(yourReply(f.agentId))} was delivered on retry`;
  return { text: line, blocks: [mrkdwnContext(line)] };
}

// Shown only to the agent, before anything is sent: the platform would refuse the reply as it stands.
export function buildRelayWarning(channelType: ChannelType, p: DeliveryProblem): SlackMessage {
  const channel = CHANNEL[channelType].name;
  const line =
    p.problem === 'too_long'
      ? `:warning: ${capitalised(channel)} accepts ${COUNT.format(p.limit)} characters; your reply has ${COUNT.format(p.length)}. Shorten it and send again — nothing was sent.`
      : `:warning: The customer's reply window closed ${slackDateTime(p.closedAt)}; ${channel} will refuse the message. Nothing was sent.`;
  return { text: line, blocks: [mrkdwnSection(line)] };
}

// Shown only to the author: `reason` (from the authority rules, may name a group) is escaped like any text.
export function buildReplyKept(reason: string): SlackMessage {
  return literalLine([emoji(':lock:'), words(' Your reply stays in Slack and was not sent to the customer. '), literal(reason.trim(), MAX_WHY)]);
}

// The thread's first post, so every agent who opens it knows what their replies will do.
export function buildThreadIntro(f: ThreadIntro): SlackMessage {
  const reach = [literalOr(f.customerName, MAX_CUSTOMER_NAME, 'the customer'), words(` ${CHANNEL[f.channelType].reach}`)];
  const balloon = [emoji(':speech_balloon:'), words(' ')];
  if (f.relayMode === 'alerts_only') {
    return literalLine([...balloon, words('Replies here stay in Slack: nothing in this thread is sent to '), ...reach, words('.')]);
  }
  const line =
    f.relayMode === 'marker'
      ? [...balloon, words('Only replies here that start with '), marker(f.sendMarker), words(' go to '), ...reach, words(', as you (your name and photo); other replies stay in Slack.')]
      : [...balloon, words('Replies here go to '), ...reach, words(', as you (your name and photo).')];
  const rules = [graceRule(f.graceSeconds), ':lock: Start a reply with `note:` or `private:` to keep it internal.'];
  const message = literalLine(line);
  message.blocks.push(mrkdwnContext(rules.join('\n')));
  return message;
}

// The marker is the workspace's setting, shown as code and exactly as agents must type it: ">>", the default,
// would read "))" after clipPlain, so only a marker that needs it goes through clipPlain.
function marker(sendMarker: string): Leaf {
  const text = sendMarker.trim();
  return NEEDS_CLEANING.test(text) ? literal(text, MAX_MARKER) : { type: 'text', text: clip(text, MAX_MARKER), style: { code: true } };
}

// A line with text we did not write in it, and the same line as the notification.
function literalLine(line: Leaf[]): SlackMessage {
  return { text: fallbackText(line), blocks: [richText(line)] };
}

// The grace period exists so a typo or a reply in the wrong thread can still be taken back.
function graceRule(seconds: number): string {
  if (seconds <= 0) return ':outbox_tray: Each reply is sent as soon as you post it.';
  const wait = seconds === 1 ? '1 second' : `${COUNT.format(seconds)} seconds`;
  return `:hourglass_flowing_sand: Each reply is sent ${wait} after you post it; editing or deleting it before then changes what is sent.`;
}

function yourReply(agentId: string): Leaf[] {
  const agent = user(agentId, '');
  return agent.type === 'user' ? [agent, words(' your reply')] : [words('Your reply')];
}

function retryButton(messageId: string): Button {
  return { type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: ACTIONS.retryDelivery, value: messageId };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Shown only to the person whose message or reaction Handoff could not handle, even after trying again.
export function buildEventFailed(why: string): SlackMessage {
  return literalLine([
    emoji(':warning:'),
    words(' Handoff could not handle your last message or reaction here, so nothing was sent: '),
    literal(why.trim(), MAX_WHY),
    words('. Send it again.'),
  ]);
}

// Retry pressed on a reply that was retried or delivered meanwhile.
export function buildNotWaitingForRetry(): SlackMessage {
  const text = 'That reply is not waiting for a retry any more.';
  return { text, blocks: [mrkdwnSection(text)] };
}

// What the platform did not learn, in words: the AI may still be answering, or not know it may resume.
const EVENT_NAMES: Record<string, string> = {
  'conversation.taken_over': 'that a person took this conversation over',
  'conversation.assigned': 'who this conversation is assigned to',
  'conversation.restored': 'that this conversation went back to the AI',
  'conversation.closed': 'that this conversation was closed',
  'conversation.reopened': 'that this conversation was reopened',
  'conversation.tagged': "this conversation's new tags",
  'agent.message_updated': 'that a reply was edited',
  'agent.message_deleted': 'that a reply was deleted',
  'customer.updated': "of the customer's corrected details",
};

// Posted in the thread when an event other than a reply never reached the bot platform.
export function buildEventUndelivered(f: { type: string; why: string }): SlackMessage {
  // Own keys only: a type such as "toString" names nothing of ours.
  const named = Object.hasOwn(EVENT_NAMES, f.type) ? EVENT_NAMES[f.type] : undefined;
  const what = named ? [words(named)] : [words('about '), literal(f.type, 60)];
  return literalLine([emoji(':warning:'), words(' The bot platform was not told '), ...what, words(': '), literal(f.why.trim(), MAX_WHY)]);
}
