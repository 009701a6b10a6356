import { z } from 'zod';

// The page makes up its conversation's id before the first message, so it can listen for events before
// anything can happen to the conversation. Playground ids are told apart from real platforms' at a glance.
export const playgroundConversationId = z
  .string({ error: 'is required' })
  .regex(/^play_[0-9a-f]{32}$/, 'must be a playground conversation id: play_ and 32 hex digits');
