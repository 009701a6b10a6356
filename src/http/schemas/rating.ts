import { z } from 'zod';
import { accountId } from './common';

export const ratingRequest = z.object({
  account: accountId.optional(),
  // A score sent as a string ("4") is there, just not a number: saying it is missing would send the platform
  // looking for the wrong mistake.
  score: z
    .number({ error: (issue) => (issue.input === undefined ? 'is required: a whole number from 1 to 5' : 'must be a whole number from 1 to 5') })
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5'),
  comment: z
    .string()
    .trim()
    .max(2_000)
    .nullish()
    .transform((comment) => comment || null),
});

export type RatingRequest = z.infer<typeof ratingRequest>;
