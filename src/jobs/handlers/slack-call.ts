import { fromSlackError } from '../../slack/errors';

// Every Slack call in a job goes through here so its failure becomes a coded, retry-aware error.
export async function slackCall<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromSlackError(err, doing);
  }
}
