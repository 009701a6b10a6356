// Why a conversation had to be posted again as a new alert: what happened to the old one in Slack.
export type AlertMoveReason = 'message_deleted' | 'thread_gone' | 'channel_gone';
