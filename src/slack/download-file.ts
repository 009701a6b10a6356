import type { WebClient } from '@slack/web-api';
import { HandoffError } from '../errors';
import { fromSlackError, slackErrorCode } from './errors';

export interface SlackFileDownload {
  name: string;
  mimeType?: string;
  // Bytes, when Slack says how many will be sent.
  length?: number;
  body: ReadableStream<Uint8Array>;
}

// Slack's answers for a file deleted in Slack, or never there: no later try will find it.
const GONE = new Set(['file_not_found', 'file_deleted']);
// Only until Slack starts answering: the body of a large file may take far longer to stream.
const ANSWER_TIMEOUT_MS = 10_000;

async function describeFile(slack: WebClient, fileId: string) {
  try {
    const { file } = await slack.files.info({ file: fileId });
    return file;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && GONE.has(code)) throw new HandoffError('file_not_found', `File ${fileId} is no longer in Slack (${code})`);
    throw new HandoffError('file_unavailable', fromSlackError(err, `looking up file ${fileId}`).message);
  }
}

// Opens a file's contents at Slack as a stream, so a large file is passed on without being held in memory.
export async function downloadFile(slack: WebClient, botToken: string, fileId: string): Promise<SlackFileDownload> {
  const file = await describeFile(slack, fileId);
  if (!file?.url_private_download) throw new HandoffError('file_unavailable', `Slack offers no download of file ${fileId}`);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000}s`)), ANSWER_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${botToken}` }, signal: timeout.signal });
  } catch (err) {
    throw new HandoffError('file_unavailable', `Could not fetch file ${fileId} from Slack: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  const type = res.headers.get('content-type') ?? undefined;
  // When it does not accept the token, Slack answers 200 with its sign-in page: never pass that off as the file.
  const signInPage = type?.startsWith('text/html') && !file.mimetype?.startsWith('text/html');
  if (!res.ok || !res.body || signInPage) {
    await res.body?.cancel();
    const why = res.ok ? 'its sign-in page (is the bot token valid, with files:read?)' : `HTTP ${res.status}`;
    throw new HandoffError('file_unavailable', `Slack answered ${why} instead of file ${fileId}`);
  }
  // fetch decompresses an encoded body, so the length Slack sent would then not match the bytes passed on.
  const length = res.headers.get('content-encoding') ? null : res.headers.get('content-length');
  return { name: file.name ?? fileId, mimeType: file.mimetype || type, length: length ? Number(length) : undefined, body: res.body };
}
