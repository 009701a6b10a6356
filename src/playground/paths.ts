// Where the playground lives on Handoff's HTTP server. The webhook path is also where Handoff's own deliveries
// go in playground mode, so config.ts builds the outbound URL from it.
export const PLAYGROUND_PATH = '/playground';
export const PLAYGROUND_EVENTS_PATH = '/playground/events';
export const PLAYGROUND_MESSAGES_PATH = '/playground/messages';
export const PLAYGROUND_WEBHOOK_PATH = '/playground/webhook';
