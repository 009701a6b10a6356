import type { ChannelType } from './conversation';

// Which agent replies in a conversation's thread reach the customer, and what to tell the agent when one cannot.

export const RELAY_MODES = ['all', 'marker', 'alerts_only'] as const;
export type RelayMode = (typeof RELAY_MODES)[number];

export interface RelaySettings {
  mode: RelayMode;
  sendMarker: string;
}

export type ReplyDecision = { kind: 'relay'; text: string } | { kind: 'note' } | { kind: 'not_relayed'; why: 'alerts_only' | 'no_marker' };

// Formatting characters are allowed around the keyword because "*note:* …" is still meant for colleagues:
// relaying a note by mistake is far worse than keeping a reply back.
const INTERNAL_NOTE = /^\s*[*_~]*(?:note|private)[*_~]*:/i;
const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Helpdesk convention (Chatwoot and others): a reply starting "note:" or "private:" stays with the team.
export function isInternalNote(text: string): boolean {
  return INTERNAL_NOTE.test(text);
}

// `text` is the reply as the agent reads it (toCustomerText's output), not Slack's mrkdwn: the default marker
// `>>` arrives from Slack as `&gt;&gt;`.
export function classifyReply(text: string, settings: RelaySettings): ReplyDecision {
  if (isInternalNote(text)) return { kind: 'note' };
  if (settings.mode === 'alerts_only') return { kind: 'not_relayed', why: 'alerts_only' };
  if (settings.mode === 'all') return { kind: 'relay', text };
  const marked = markerPattern(settings.sendMarker).exec(text);
  return marked ? { kind: 'relay', text: text.slice(marked[0].length) } : { kind: 'not_relayed', why: 'no_marker' };
}

// Case does not matter, as for notes. A marker ending in a letter must end a word too, so that with the marker
// "send" the reply "Sending it now" is not relayed as "ing it now".
function markerPattern(marker: string): RegExp {
  const trimmed = marker.trim();
  const wordEnd = LETTER_OR_DIGIT.test(trimmed.slice(-1)) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`^\\s*${trimmed.replace(REGEXP_SPECIAL, '\\$&')}${wordEnd}\\s*`, 'iu');
}

// Characters each platform accepts in one message; null where it sets no limit a reply would reach.
export const CHANNEL_TEXT_LIMITS: Record<ChannelType, number | null> = {
  instagram: 1_000,
  messenger: 2_000,
  whatsapp: 4_096,
  sms: 1_600,
  web: null,
  email: null,
  other: null,
};

export type DeliveryProblem = { problem: 'too_long'; limit: number; length: number } | { problem: 'window_closed'; closedAt: Date };

export interface DeliveryCheck {
  text: string;
  channelType: ChannelType;
  replyWindowEndsAt: Date | null;
  now: Date;
}

// What the platform would refuse, checked before sending so the agent can fix it while the thread is in front
// of them. A closed window comes first: shortening the reply would not help.
export function checkDeliverable(c: DeliveryCheck): { ok: true } | ({ ok: false } & DeliveryProblem) {
  if (c.replyWindowEndsAt && c.now.getTime() >= c.replyWindowEndsAt.getTime()) {
    return { ok: false, problem: 'window_closed', closedAt: c.replyWindowEndsAt };
  }
  const limit = CHANNEL_TEXT_LIMITS[c.channelType];
  // The platforms count code points, so an emoji counts once, not as its two UTF-16 halves.
  const length = Array.from(c.text).length;
  return limit !== null && length > limit ? { ok: false, problem: 'too_long', limit, length } : { ok: true };
}

export interface DeliveryFailure {
  status?: number;
  body?: unknown;
  timedOut?: boolean;
  networkError?: string;
  // Where a redirect the webhook does not follow pointed (one that would turn the POST into a GET).
  redirectedTo?: string;
}

const MAX_PLATFORM_WORDS = 300;

// Codes the bot platform passes on from the channels, in words an agent can act on.
const KNOWN_ERRORS: Record<string, string> = {
  message_too_long: 'the message is too long for this channel',
  reply_window_expired: "the customer's 24-hour reply window expired",
  window_closed: "the customer's 24-hour reply window expired",
  user_blocked: 'the customer blocked the account',
  conversation_not_found: 'the conversation no longer exists on the platform (the customer may have deleted it)',
};

// Why a reply did not reach the customer, in plain words (not mrkdwn: the builder escapes it).
export function describeDeliveryFailure(f: DeliveryFailure): string {
  if (f.timedOut) return 'the platform did not answer in time';
  if (f.networkError !== undefined) return `could not reach the platform (${clipWords(f.networkError)})`;
  if (f.redirectedTo !== undefined) return `the platform redirects its webhook to ${clipWords(f.redirectedTo)}: set CUSTOMER_WEBHOOK_URL to that address`;
  if (f.status === undefined) return 'the platform did not confirm delivery';
  if (f.status >= 500) return `the platform had an error (HTTP ${f.status})`;
  const { error, message } = platformError(f.body);
  if (error !== undefined && Object.hasOwn(KNOWN_ERRORS, error)) return KNOWN_ERRORS[error]!;
  if (message !== undefined) return clipWords(message);
  if (error !== undefined) return clipWords(error);
  if (f.status === 429) return 'the platform is receiving too many messages right now (HTTP 429)';
  return `the platform refused the message (HTTP ${f.status})`;
}

// Timeouts, rate limits and the platform's own errors pass; any other refusal would be refused again.
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

// The platform answers `{"error": "code", "message": "words"}`, parsed or as the raw response text.
function platformError(body: unknown): { error?: string; message?: string } {
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { error, message } = parsed as Record<string, unknown>;
  return { error: nonBlank(error), message: nonBlank(message) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

// By code points, so the cut never leaves half an emoji.
function clipWords(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length <= MAX_PLATFORM_WORDS ? chars.join('') : `${chars.slice(0, MAX_PLATFORM_WORDS - 1).join('')}…`;
}
