// Counts what reached Slack and the platform against what was sent, the way a customer and an agent would
// notice: every agent reply reaches the customer once and in the order written, every customer message shows
// in its thread once, and every alert has exactly one thread.

export interface Expected {
  // Per conversation in the order the agent sent them.
  replies: { conversationId: string; text: string }[];
  customerMessages: { threadTs: string; text: string }[];
  // Customer names, each on exactly one alert message.
  alerts: string[];
}

// A chat.postMessage as the Slack stand-in recorded it.
export interface SlackPost {
  channel: string;
  threadTs?: string;
  text: string;
  // Slack took it (HTTP 200, ok: true): a refused or rate-limited call posted nothing.
  posted: boolean;
}

// An agent.message delivery as the platform stand-in recorded it, in arrival order.
export interface ReplyDelivery {
  webhookId: string;
  conversationId: string;
  messageId: string;
  text: string;
}

export interface Tally {
  replies: {
    delivered: number;
    lost: string[];
    // The same reply under more than one webhook-id: the platform cannot tell it was sent twice.
    duplicated: { text: string; webhookIds: string[] }[];
    // The first place per conversation where a reply overtook an earlier one.
    outOfOrder: { conversationId: string; expected: string; arrived: string }[];
    // Delivered texts nobody sent, which would mean the text was changed on the way.
    unexpected: string[];
  };
  customerMessages: { posted: number; lost: string[]; duplicated: { text: string; times: number }[] };
  alerts: { threaded: number; missing: string[]; several: { name: string; times: number }[] };
}

export function tally(expected: Expected, posts: SlackPost[], deliveries: ReplyDelivery[], alertsChannel: string): Tally {
  return {
    replies: tallyReplies(expected.replies, deliveries),
    customerMessages: tallyCustomerMessages(expected.customerMessages, posts),
    alerts: tallyAlerts(expected.alerts, posts, alertsChannel),
  };
}

export function isComplete(t: Tally): boolean {
  return t.replies.lost.length === 0 && t.customerMessages.lost.length === 0 && t.alerts.missing.length === 0;
}

function tallyReplies(expected: Expected['replies'], deliveries: ReplyDelivery[]): Tally['replies'] {
  const sent = new Set(expected.map((r) => r.text));
  const webhookIdsOf = new Map<string, Set<string>>();
  const webhookIdsOfMessage = new Map<string, Set<string>>();
  // Standard Webhooks allows redelivering one webhook-id: only the first arrival of each counts.
  const arrived = new Map<string, string[]>();
  const firstSeen = new Set<string>();
  for (const d of deliveries) {
    add(webhookIdsOf, d.text, d.webhookId);
    add(webhookIdsOfMessage, d.messageId, d.webhookId);
    if (firstSeen.has(d.text)) continue;
    firstSeen.add(d.text);
    arrived.set(d.conversationId, [...(arrived.get(d.conversationId) ?? []), d.text]);
  }
  const duplicated = [...webhookIdsOf].filter(([, ids]) => ids.size > 1).map(([text, ids]) => ({ text, webhookIds: [...ids] }));
  const duplicatedTexts = new Set(duplicated.map((d) => d.text));
  // The same stored message sent under two webhook-ids, even if its text had changed in between.
  for (const [messageId, ids] of webhookIdsOfMessage) {
    if (ids.size < 2) continue;
    const texts = deliveries.filter((d) => d.messageId === messageId).map((d) => d.text);
    if (!texts.some((t) => duplicatedTexts.has(t))) duplicated.push({ text: `${texts[0]} (message ${messageId})`, webhookIds: [...ids] });
  }
  const outOfOrder: Tally['replies']['outOfOrder'] = [];
  for (const [conversationId, texts] of arrived) {
    const wanted = expected.filter((r) => r.conversationId === conversationId && firstSeen.has(r.text)).map((r) => r.text);
    const at = texts.findIndex((text, i) => text !== wanted[i]);
    if (at >= 0) outOfOrder.push({ conversationId, expected: wanted[at] ?? '(nothing more)', arrived: texts[at]! });
  }
  return {
    delivered: expected.filter((r) => firstSeen.has(r.text)).length,
    lost: expected.filter((r) => !firstSeen.has(r.text)).map((r) => r.text),
    duplicated,
    outOfOrder,
    unexpected: [...firstSeen].filter((text) => !sent.has(text)),
  };
}

function tallyCustomerMessages(expected: Expected['customerMessages'], posts: SlackPost[]): Tally['customerMessages'] {
  const inThreads = posts.filter((p) => p.posted && p.threadTs !== undefined);
  const counted = expected.map((m) => ({ text: m.text, times: inThreads.filter((p) => p.threadTs === m.threadTs && p.text.includes(m.text)).length }));
  return {
    posted: counted.filter((c) => c.times > 0).length,
    lost: counted.filter((c) => c.times === 0).map((c) => c.text),
    duplicated: counted.filter((c) => c.times > 1),
  };
}

function tallyAlerts(names: string[], posts: SlackPost[], alertsChannel: string): Tally['alerts'] {
  const roots = posts.filter((p) => p.posted && p.channel === alertsChannel && p.threadTs === undefined);
  const counted = names.map((name) => ({ name, times: roots.filter((p) => p.text.includes(name)).length }));
  return {
    threaded: counted.filter((c) => c.times === 1).length,
    missing: counted.filter((c) => c.times === 0).map((c) => c.name),
    several: counted.filter((c) => c.times > 1),
  };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}
