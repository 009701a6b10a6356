import http from 'node:http';
import https from 'node:https';

// A POST by node's own http client rather than fetch, which cost a delivery several times the CPU (the relay
// bench's worker profile). Connections are kept open between deliveries, as fetch kept them.
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
// Enough of an answer to say why a delivery was refused; the rest is read and dropped.
const MAX_ANSWER_BYTES = 64 * 1024;

export interface PostAnswer {
  status: number;
  body: string;
}

export class PostTimedOut extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'PostTimedOut';
  }
}

export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      agent: AGENTS[secure ? 'https:' : 'http:'],
    });
    // The whole exchange, not only a quiet socket: a platform trickling its answer still times out.
    const timer = setTimeout(() => request.destroy(new PostTimedOut(timeoutMs)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept >= MAX_ANSWER_BYTES) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}
