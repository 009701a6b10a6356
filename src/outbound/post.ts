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
  // Read at most about this much of the answer: it is cut there, its status and what came so far kept.
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
    // Once the status is in, that is the answer: a body that stalls or runs past maxBytes is cut where it is,
    // so a refusal stays a refusal rather than becoming a timeout.
    let answered: ((cut: boolean) => void) | undefined;
    const timer =
      timeoutMs === undefined ? undefined : setTimeout(() => (answered ? answered(true) : request.destroy(new PostTimedOut(timeoutMs))), timeoutMs);
    const abort = () => {
      done();
      reject(signal!.reason);
      request.destroy();
    };
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    request.on('error', (err) => {
      done();
      reject(err);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      answered = (cut) => {
        done();
        if (cut) response.destroy();
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks) });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= maxBytes) answered!(true);
      });
      response.on('error', () => answered!(true));
      response.on('end', () => answered!(false));
    });
    request.end(body);
  });
}
