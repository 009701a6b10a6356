import { z } from 'zod';
import { ROLES } from '../domain/conversation';
import type { ThreadPostRow } from '../db/repositories/thread-posts';
import { activityLine } from './blocks/activity-line';
import { buildEventUndelivered, buildThreadIntro, type ThreadIntro } from './blocks/relay-feedback';
import { buildCustomerMessagePost, buildNoticePost, buildTranscriptPosts } from './blocks/thread-posts';
import { overdueOf } from '../db/repositories/reminders';
import { buildFirstResponseReminder } from './blocks/reminders';
import { buildRatingPost } from './blocks/rating';
import { buildAgentMessagePost } from './blocks/agent-message-post';
import { buildSuggestionPost } from './blocks/suggestion-post';

const transcriptBody = z.object({
  lines: z.array(z.object({ role: z.enum(ROLES), text: z.string(), at: z.string().optional() })),
});
const noticeBody = z.union([
  z.object({ event: z.object({ type: z.string(), actorId: z.string().nullable(), data: z.record(z.string(), z.unknown()) }) }),
  z.object({ intro: z.literal(true) }),
  z.object({ undelivered: z.object({ type: z.string(), why: z.string() }) }),
  z.object({ reminder: z.unknown() }),
  z.object({ rating: z.object({ score: z.number(), comment: z.string().nullable(), replaced: z.boolean() }) }),
]);
const customerMessageBody = z.object({
  messageId: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ url: z.string(), name: z.string().optional(), mimeType: z.string().optional(), size: z.number().optional() })),
  at: z.string().optional(),
});
export const agentMessageBody = z.object({
  messageId: z.string(),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorAvatarUrl: z.string().nullable(),
  suggestionId: z.string().optional(),
});
export const suggestionBody = z.object({ suggestionId: z.string(), text: z.string() });

export interface ThreadMessage {
  text: string;
  blocks: ReturnType<typeof buildNoticePost>['blocks'];
  // Shown as the customer (chat:write.customize) rather than as Handoff.
  asCustomer: boolean;
  // Shown as the agent Handoff sent it for.
  asAgent?: { name: string; avatarUrl: string | null };
}

// When a post belongs in the thread: customer messages by when the customer sent them, so a message the
// platform had to retry still lands before the ones written after it; everything else by arrival.
export function threadPostTime(post: ThreadPostRow): number {
  if (post.kind === 'customer_message') {
    const at = customerMessageBody.safeParse(post.body);
    if (at.success && at.data.at) return Date.parse(at.data.at);
  }
  return post.createdAt.getTime();
}

// Turns a stored thread post into the Slack messages that show it (a long transcript may need several).
export function threadMessagesFor(post: ThreadPostRow, thread: ThreadIntro): ThreadMessage[] {
  switch (post.kind) {
    case 'transcript':
      return buildTranscriptPosts(transcriptBody.parse(post.body).lines, thread.customerName).map((m) => ({ ...m, asCustomer: false }));
    case 'notice': {
      const notice = noticeBody.parse(post.body);
      const content =
        'intro' in notice
          ? buildThreadIntro(thread)
          : 'undelivered' in notice
            ? buildEventUndelivered(notice.undelivered)
            : 'reminder' in notice
              ? buildFirstResponseReminder(overdueOf(notice.reminder))
              : 'rating' in notice
                ? buildRatingPost(notice.rating)
                : buildNoticePost(activityLine(notice.event, post.createdAt));
      return [{ ...content, asCustomer: false }];
    }
    case 'customer_message':
      return [{ ...buildCustomerMessagePost(customerMessageBody.parse(post.body)), asCustomer: true }];
    case 'agent_message': {
      const m = agentMessageBody.parse(post.body);
      return [{ ...buildAgentMessagePost(m), asCustomer: false, asAgent: { name: m.authorName, avatarUrl: m.authorAvatarUrl } }];
    }
    case 'suggestion': {
      const { suggestionId, text } = suggestionBody.parse(post.body);
      // Posted as offered; the thread job brings it up to date if it was sent or replaced meanwhile.
      return [{ ...buildSuggestionPost({ state: 'offered', id: suggestionId, text }), asCustomer: false }];
    }
  }
}
