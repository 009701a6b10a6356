import type { ChannelType } from './conversation';
import type { DeliveryProblem } from './relay-policy';

// What became of a message Handoff was asked to send as an agent (a saved reply, the AI's suggestion).
export type SendOutcome =
  | { sent: true }
  // The same interaction was handled already.
  | { sent: false; why: 'repeated' }
  | { sent: false; why: 'gone' | 'closed' | 'suggestion_taken' }
  | { sent: false; why: 'not_allowed'; reason: string }
  | { sent: false; why: 'undeliverable'; problem: DeliveryProblem; channelType: ChannelType }
  | { sent: false; why: 'unknown_placeholders'; message: string };
