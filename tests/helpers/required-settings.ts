// The four variables every single-workspace deployment sets, with values of the right shape.
export const REQUIRED_SETTINGS = {
  SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_ALERTS_CHANNEL: 'C0123ABCD',
  HANDOFF_SIGNING_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};
