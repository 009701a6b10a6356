import http from 'node:http';
import type { AddressInfo } from 'node:net';

// What a stand-in wants sent back; a Buffer is sent as it is, any other non-string body as JSON.
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RequestHandler = (req: http.IncomingMessage, raw: string) => Promise<Reply>;

// A real HTTP server on 127.0.0.1 and a free port, so the product talks to it over the network exactly as it
// would to the real service (no request interception).
export class LocalHttpServer {
  private server?: http.Server;
  private origin?: string;
  // Delays (slow or hanging answers) are tracked so stop() can cancel them and jest has no open handles.
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly handle: RequestHandler) {}

  async start(): Promise<string> {
    if (this.server) throw new Error('server already started');
    const server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.origin;
  }

  get url(): string {
    if (!this.origin) throw new Error('server not started: call start() first');
    return this.origin;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.origin = undefined;
    // fetch (undici) keeps connections alive; without this close() waits for them to time out.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // Stops listening and drops open connections, so a sender gets "connection refused" as from a server that is down.
  async refuseConnections(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // Listens again on the port it had, so senders configured with its URL reach it again.
  async acceptConnections(): Promise<void> {
    const server = this.server;
    if (!server || server.listening) return;
    const port = Number(new URL(this.url).port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.handle(req, await readBody(req));
    } catch (err) {
      // A bug in the stand-in itself: make it loud rather than a silent hang.
      reply = { status: 500, body: `stand-in error: ${err instanceof Error ? err.stack : String(err)}` };
    }
    if (res.destroyed) return; // the client gave up (timeout) or the server stopped meanwhile
    const { text, type } = encode(reply.body);
    res.writeHead(reply.status, { ...(type ? { 'content-type': type } : {}), ...reply.headers });
    res.end(text);
  }
}

function encode(body: unknown): { text: string | Buffer; type?: string } {
  if (body === undefined) return { text: '' };
  if (Buffer.isBuffer(body)) return { text: body, type: 'application/octet-stream' };
  if (typeof body === 'string') return { text: body, type: 'text/plain; charset=utf-8' };
  return { text: JSON.stringify(body), type: 'application/json; charset=utf-8' };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
