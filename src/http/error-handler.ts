import type { ErrorRequestHandler } from 'express';
import { HandoffError } from '../errors';
import type { Logger } from '../logger';

// The one place errors from the HTTP API land: coded errors become their status and a body saying
// what to fix; anything else is our fault, logged in full and answered without internals.
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      // A streamed download broke off half-way: too late for an error body, so express closes the connection.
      logger.warn({ err }, 'response broke off after it started');
      next(err);
      return;
    }
    if (err instanceof HandoffError) {
      res.status(err.httpStatus).json(err.toJSON());
      return;
    }
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status === 413) {
      res.status(413).json(new HandoffError('payload_too_large', 'Body is larger than 1 MiB').toJSON());
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: 'invalid_request', message: String(err?.message ?? 'bad request') });
      return;
    }
    logger.error({ err }, 'request failed');
    res.status(500).json({ error: 'internal_error', message: 'Something went wrong on our side; it was logged. Retry later.' });
  };
}
