import type { IncomingMessage, ServerResponse } from 'node:http';
import { isReady, type ReadinessCheck } from './readiness';

// Plain node handlers, so a worker serves them without express and a web replica mounts them on its app.
export type HealthRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type HealthRoutes = Record<string, HealthRoute>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

// /healthz: the process is alive (restart it if not). /readyz: it can do its work now (send it traffic if so);
// the body names what is down, so whoever is paged knows where to look.
export function healthRoutes(ready: ReadinessCheck): HealthRoutes {
  return {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
      const readiness = await ready();
      sendJson(res, isReady(readiness) ? 200 : 503, readiness);
    },
  };
}
