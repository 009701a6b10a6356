import { z } from 'zod';
import { STATUSES, type Status } from '../domain/conversation';

// What the playground page is told about its conversation, taken from the webhooks Handoff sends the bot
// platform (docs/openapi.yaml). Only what the page shows is kept, as plain text the page puts in with textContent.

export type PageEvent =
  | { kind: 'reply'; messageId: string; text: string; agent: string; files: { name: string; url: string }[] }
  | { kind: 'reply_edited'; messageId: string; text: string; agent: string; files: { name: string; url: string }[] }
  | { kind: 'reply_deleted'; messageId: string }
  // `note`: what the agent left for the bot with the change (a hand-back note, an assignment's note), or null.
  | { kind: 'change'; change: ConversationChangeKind; status: Status; actor: string; tags: string[]; note: string | null }
  // Where the conversation stands when a page (re)connects, so a change it missed meanwhile still shows.
  | { kind: 'state'; status: Status; agent?: string };

export const CONVERSATION_CHANGES = ['taken_over', 'assigned', 'tagged', 'closed', 'restored', 'reopened'] as const;
export type ConversationChangeKind = (typeof CONVERSATION_CHANGES)[number];

// A webhook from a Handoff of another version may carry more or fewer fields; what is missing is shown as unknown.
const agentName = z.object({ name: z.string().catch('An agent') }).catch({ name: 'An agent' });
const files = z
  .array(z.object({ name: z.string().optional(), id: z.string(), url: z.url({ protocol: /^https?$/ }) }))
  .catch([])
  .transform((list) => list.map((f) => ({ name: f.name ?? f.id, url: f.url })));

const agentMessage = z.object({ messageId: z.string(), text: z.string().catch(''), agent: agentName, attachments: files });
const change = z.object({
  status: z.enum(STATUSES),
  actor: agentName,
  tags: z.array(z.string()).catch([]),
  note: z.string().nullable().catch(null),
});

export const webhookEnvelope = z.object({
  type: z.string(),
  conversationId: z.string().min(1).max(255),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>;

// null for an event the page has nothing to show for, or one whose data it cannot read.
export function toPageEvent(webhook: WebhookEnvelope): PageEvent | null {
  const { type, data } = webhook;
  if (type === 'agent.message' || type === 'agent.message_updated') {
    const m = agentMessage.safeParse(data);
    if (!m.success) return null;
    const kind = type === 'agent.message' ? 'reply' : 'reply_edited';
    return { kind, messageId: m.data.messageId, text: m.data.text, agent: m.data.agent.name, files: m.data.attachments };
  }
  if (type === 'agent.message_deleted') {
    const id = z.object({ messageId: z.string() }).safeParse(data);
    return id.success ? { kind: 'reply_deleted', messageId: id.data.messageId } : null;
  }
  const kind = CONVERSATION_CHANGES.find((c) => type === `conversation.${c}`);
  if (!kind) return null;
  const c = change.safeParse(data);
  return c.success ? { kind: 'change', change: kind, status: c.data.status, actor: c.data.actor.name, tags: c.data.tags, note: c.data.note } : null;
}
