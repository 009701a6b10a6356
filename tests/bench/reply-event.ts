import { ALERTS_CHANNEL } from '../helpers/harness';
import { eventBody, type SlackRequestBody } from '../helpers/slack-signing';
import { TEAM_ID } from '../helpers/slack-stand-in';

// An agent's reply in an alert's thread, as Slack's Events API delivers it.
export function agentReplyEvent(reply: { eventId: string; text: string; ts: string; threadTs: string }): SlackRequestBody {
  return eventBody({
    team_id: TEAM_ID,
    api_app_id: 'A0HANDOFF',
    type: 'event_callback',
    event_id: reply.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: ALERTS_CHANNEL, channel_type: 'channel', user: 'U0AGENT1', text: reply.text, ts: reply.ts, thread_ts: reply.threadTs },
  });
}
