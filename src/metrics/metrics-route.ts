import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { sendJson, type HealthRoute } from '../health/health-routes';

// Compared as digests, so neither the token's length nor its bytes leak through timing.
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${token}`));
}

// GET /metrics in Prometheus's text format. One of the routes every process that listens on a port serves, so a
// web replica and a worker's health server each show their own process. With a token, a scraper must send it.
export function metricsRoute(registry: Registry, token: string | undefined): HealthRoute {
  return async (req, res) => {
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendJson(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  };
}
