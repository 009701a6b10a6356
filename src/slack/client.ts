import { ErrorCode, LogLevel, WebClient, type WebAPICallResult } from '@slack/web-api';
import type { Counter } from 'prom-client';
import { slackErrorCode } from './errors';
import { slackFetch } from './slack-fetch';
import { callWebApi, formBody } from './web-api-call';

export interface SlackClientOptions {
  token: string;
  apiUrl?: string;
  // Every call is counted by method and result.
  calls: Counter<'method' | 'result'>;
}

// Slack's own error code when it answered one, else what kind of failure it was: a short, bounded set of labels.
function resultOf(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (code === ErrorCode.HTTPError) return 'http_error';
  return slackErrorCode(err) ?? 'request_error';
}

const TIMEOUT_MS = 10_000;

// Every method of the client (chat.postMessage, users.info…) goes through apiCall, so counting here counts them
// all. Calls are sent by callWebApi; a file upload takes WebClient's own path.
class CountedWebClient extends WebClient {
  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly counted: Counter<'method' | 'result'>,
  ) {
    super(token, options);
  }

  private send(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const body = method === 'files.uploadV2' ? null : formBody(options);
    if (body === null) return super.apiCall(method, options);
    const token = typeof options.token === 'string' && options.token !== '' ? options.token : this.token;
    return callWebApi(`${this.slackApiUrl}${method}`, token, body, TIMEOUT_MS);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      const result = await this.send(method, options);
      this.counted.inc({ method, result: 'ok' });
      return result;
    } catch (err) {
      this.counted.inc({ method, result: resultOf(err) });
      throw err;
    }
  }
}

// Retries belong to the job queue, which can back off per job; the client's own retry would pause
// every call behind one slow channel (see rate limits in the README).
export function createSlackClient({ token, apiUrl, calls }: SlackClientOptions): WebClient {
  return new CountedWebClient(
    token,
    {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
      timeout: TIMEOUT_MS,
      fetch: slackFetch,
    },
    calls,
  );
}
