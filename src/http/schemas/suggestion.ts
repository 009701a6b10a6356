import { z } from 'zod';
import { accountId } from './common';

// What the AI drafts is sent to the customer as it stands: no longer than the longest message any channel takes.
export const suggestionText = z.string().trim().min(1, 'is required').max(4_000);

export const suggestionRequest = z.object({
  account: accountId.optional(),
  text: suggestionText,
});

export type SuggestionRequest = z.infer<typeof suggestionRequest>;
