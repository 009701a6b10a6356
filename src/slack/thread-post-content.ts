import { z } from 'zod';
import { ROLES } from '../domain/conversation';
import type { ThreadPostRow } from '../db/repositories/thread-posts';
import { activityLine } from './blocks/activity-line';
import { buildCustomerMessagePost, buildNoticePost, buildTranscriptPosts } from './blocks/thread-posts';

const transcriptBody = z.object({
  lines: z.array(z.object({ role: z.enum(ROLES), text: z.string(), at: z.string().optional() })),
});
const noticeBody = z.object({
  event: z.object({ type: z.string(), actorId: z.string().nullable(), data: z.record(z.string(), z.unknown()) }),
});
const customerMessageBody = z.object({
  messageId: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ url: z.string(), name: z.string().optional(), mimeType: z.string().optional(), size: z.number().optional() })),
});

export interface ThreadMessage {
  text: string;
  blocks: ReturnType<typeof buildNoticePost>['blocks'];
  // Shown as the customer (chat:write.customize) rather than as Handoff.
  asCustomer: boolean;
}

// Turns a stored thread post into the Slack messages that show it (a long transcript may need several).
export function threadMessagesFor(post: ThreadPostRow, customerName: string): ThreadMessage[] {
  switch (post.kind) {
    case 'transcript':
      return buildTranscriptPosts(transcriptBody.parse(post.body).lines, customerName).map((m) => ({ ...m, asCustomer: false }));
    case 'notice':
      return [{ ...buildNoticePost(activityLine(noticeBody.parse(post.body).event, post.createdAt)), asCustomer: false }];
    case 'customer_message':
      return [{ ...buildCustomerMessagePost(customerMessageBody.parse(post.body)), asCustomer: true }];
  }
}
