import http from 'node:http';
import https from 'node:https';

// A POST by node's own http client rather than fetch, which cost each call several times the CPU (the bench's
// worker profiles: platform webhooks and Slack's Web API both went through it). Connections are kept open
// between calls, as fetch kept them.
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface Answer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PostOptions {
  // For the whole exchange, not only a quiet socket: an answer trickling in still times out.
  timeoutMs?: number;
  signal?: AbortSignal;
  // Keep at most this much of the answer; the rest is read and dropped.
  maxBytes?: number;
}

export class PostTimedOut extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'PostTimedOut';
  }
}

export function post(url: string, headers: Record<string, string>, body: string, options: PostOptions = {}): Promise<Answer> {
  const { timeoutMs, signal, maxBytes = Number.POSITIVE_INFINITY } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: AGENTS[secure ? 'https:' : 'http:'],
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => request.destroy(new PostTimedOut(timeoutMs)), timeoutMs);
    const abort = () => request.destroy(signal!.reason as Error);
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    const fail = (err: Error) => {
      done();
      reject(err);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= maxBytes) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      response.on('error', fail);
      response.on('end', () => {
        done();
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    request.end(body);
  });
}
