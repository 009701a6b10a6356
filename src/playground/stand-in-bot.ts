import type { Status } from '../domain/conversation';

// The chatbot the admin talks to in the playground. It does what a bot platform does around a handoff:
// raises the alert when the customer asks for a person, passes every later message on, and stays quiet
// while a human has the conversation.

export interface Turn {
  // Raise a handoff alert with this message as the customer's last line.
  raiseAlert: boolean;
  // Send the message to Handoff as a customer message of the existing conversation.
  passOn: boolean;
  // What the bot answers, or null while the humans have the conversation.
  answer: string | null;
}

const ASKS_FOR_A_PERSON = /\bhuman\b/i;

export const BOT_GREETING = 'Hi! I am the stand-in bot. Ask me anything, or type "human" to talk to a person.';
export const HANDED_OVER = 'I have asked a person to join. They will answer here once someone picks this up in Slack.';
// What a bot says when Handoff answers that no agent is online (agentsAvailable: false).
export const NOBODY_ONLINE = 'I have asked a person to join, but nobody on the team is online right now. Someone will answer here as soon as they are back.';

// The bot's answer once Handoff took the alert: it sets the customer's expectations by whether anyone is there.
export function handedOver(agentsAvailable: boolean): string {
  return agentsAvailable ? HANDED_OVER : NOBODY_ONLINE;
}

// `status` is where the conversation stands as the playground last heard, undefined before any alert.
export function decideTurn(text: string, pressedTalkToPerson: boolean, status: Status | undefined): Turn {
  const withHumans = status === 'waiting' || status === 'human';
  if ((pressedTalkToPerson || ASKS_FOR_A_PERSON.test(text)) && !withHumans) return { raiseAlert: true, passOn: false, answer: HANDED_OVER };
  return { raiseAlert: false, passOn: status !== undefined, answer: withHumans ? null : cannedAnswer(text) };
}

function cannedAnswer(text: string): string {
  if (/\b(hi|hello|hey)\b/i.test(text)) return 'Hello! How can I help? Type "human" if you would rather talk to a person.';
  if (/\b(thanks|thank you)\b/i.test(text)) return 'You are welcome!';
  if (/\b(refund|order|charge|price|bill)/i.test(text)) return 'I cannot look that up here. Type "human" and someone from the team will.';
  return 'I am only a stand-in bot. Type "human" or press "Talk to a person" to reach your team in Slack.';
}
