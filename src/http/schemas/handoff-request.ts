import { z } from 'zod';
import { CHANNEL_TYPES, PRIORITIES, REASONS, ROLES } from '../../domain/conversation';
import { ALERT_TAGS, addTags, normaliseTag } from '../../domain/tags';
import { accountId, httpUrl, isoTime } from './common';
import { suggestionText } from './suggestion';

// Read as a tag typed in the tag modal is, so the two kinds meet as one.
const tag = z
  .string()
  .transform(normaliseTag)
  .pipe(z.string().min(1, 'must not be empty').max(ALERT_TAGS.length, `must be at most ${ALERT_TAGS.length} characters`));

export const handoffRequest = z.object({
  account: accountId.optional(),
  conversationId: z.string().trim().min(1, 'is required').max(255),
  reason: z.enum(REASONS),
  priority: z.enum(PRIORITIES).default('normal'),
  summary: z.string().max(10_000).optional(),
  scores: z.record(z.string().min(1).max(100), z.number()).refine((s) => Object.keys(s).length <= 50, 'at most 50 scores').optional(),
  customer: z
    .object({
      id: z.string().max(255).optional(),
      name: z.string().max(255).optional(),
      email: z.email().max(320).optional(),
      phone: z.string().max(64).optional(),
      avatarUrl: httpUrl.optional(),
    })
    .optional(),
  channel: z.object({ type: z.enum(CHANNEL_TYPES), name: z.string().max(255).optional() }).optional(),
  transcript: z
    .array(z.object({ role: z.enum(ROLES), text: z.string().max(10_000), at: isoTime.optional() }))
    .max(500)
    .optional(),
  link: httpUrl.optional(),
  metadata: z
    .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .refine((m) => Object.keys(m).length <= 100, 'at most 100 entries')
    .optional(),
  replyWindowEndsAt: isoTime.optional(),
  // Each tag once, whatever its case; counted after that, so a list repeating one tag is not refused for it.
  tags: z
    .array(tag)
    .transform((tags) => addTags([], tags))
    .pipe(z.array(z.string()).max(ALERT_TAGS.count, `must have at most ${ALERT_TAGS.count} tags`))
    .optional(),
  // The AI's draft of the next reply, offered to the agents in the thread.
  suggestedReply: suggestionText.optional(),
});

export type HandoffRequest = z.infer<typeof handoffRequest>;
