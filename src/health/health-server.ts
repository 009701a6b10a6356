import http from 'node:http';
import type { Logger } from '../logger';
import { sendJson, type HealthRoutes } from './health-routes';

export interface RunningHealthServer {
  port: number;
  stop(): Promise<void>;
}

// What a worker process serves on HEALTH_PORT: the routes it is given (the health checks, and whatever else an
// operator's probes need) and nothing else.
export async function startHealthServer(port: number, routes: HealthRoutes, logger: Logger): Promise<RunningHealthServer> {
  const server = http.createServer((req, res) => {
    const route = req.method === 'GET' ? routes[new URL(req.url ?? '/', 'http://health').pathname] : undefined;
    if (!route) return sendJson(res, 404, { error: 'not_found' });
    Promise.resolve(route(req, res)).catch((err: unknown) => {
      logger.error({ err }, 'health route failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as { port: number }).port;
  logger.info({ port: bound }, 'Handoff health checks are listening');
  return {
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
