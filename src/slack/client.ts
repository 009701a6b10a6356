import { WebClient, LogLevel } from '@slack/web-api';

export interface SlackClientOptions {
  token: string;
  apiUrl?: string;
}

// Retries belong to the job queue, which can back off per job; the client's own retry would pause
// every call behind one slow channel (see rate limits in the README).
export function createSlackClient({ token, apiUrl }: SlackClientOptions): WebClient {
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: 10_000,
  });
}
