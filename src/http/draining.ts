import type { RequestHandler } from 'express';

export interface Draining {
  // First on the app: once draining, every new request is refused, so what was accepted can finish.
  gate: RequestHandler;
  begin(): void;
}

// A stopping server accepts no new connections, but a kept-alive one may still bring a request. It gets a 503
// (Slack and the platform send it again, to a replica that stays) and the connection is closed behind it.
export function draining(): Draining {
  let closing = false;
  return {
    gate: (_req, res, next) => {
      if (!closing) return next();
      res.set('connection', 'close');
      res.status(503).json({ error: 'shutting_down', message: 'Handoff is shutting down; send the request again' });
    },
    begin: () => {
      closing = true;
    },
  };
}
