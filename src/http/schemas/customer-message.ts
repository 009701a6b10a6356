import { z } from 'zod';
import { accountId, attachment, isoTime } from './common';

export const customerMessageRequest = z
  .object({
    account: accountId.optional(),
    id: z.string().trim().min(1, 'is required (the platform message id)').max(255),
    text: z.string().max(10_000).default(''),
    at: isoTime.optional(),
    attachments: z.array(attachment).max(20).default([]),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, {
    path: ['text'],
    message: 'is required when there are no attachments',
  });

export type CustomerMessageRequest = z.infer<typeof customerMessageRequest>;
