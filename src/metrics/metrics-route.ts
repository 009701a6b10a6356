import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Registry } from 'prom-client';

// Compared as digests, so neither the token's length nor its bytes leak through timing.
function bearerMatches(req: Request, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(req.get('authorization') ?? ''), digest(`Bearer ${token}`));
}

// GET /metrics in Prometheus's text format. Mounted by every process that listens on a port, so a web
// replica and a worker's health server each show their own process. With a token, a scraper must send it.
export function metricsRoute(registry: Registry, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined && !bearerMatches(req, token)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const body = await registry.metrics();
    res.set('content-type', registry.contentType).send(body);
  });
  return router;
}
