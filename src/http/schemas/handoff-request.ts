import { z } from 'zod';
import { CHANNEL_TYPES, PRIORITIES, REASONS, ROLES } from '../../domain/conversation';
import { accountId, httpUrl, isoTime } from './common';

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
});

export type HandoffRequest = z.infer<typeof handoffRequest>;
