import type { ErrorRequestHandler } from 'express';
import { dataErrorReason } from '../db/errors';
import { HandoffError } from '../errors';
import type { Logger } from '../logger';

// The one place errors from the HTTP API land: coded errors become their status and a body saying
// what to fix, and so does a value the database refuses; anything else is our fault, logged in full and
// answered without internals.
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
    const refused = dataErrorReason(err);
    if (refused !== null) {
      // The request schema should have caught it; the log says which rule is missing. Which field it was, the
      // database does not say.
      logger.warn({ err }, 'the database refused a value the request schema let through');
      const issue = { path: '(body)', message: refused };
      res.status(400).json(new HandoffError('invalid_request', `A value in the request cannot be stored: ${refused}`, [issue]).toJSON());
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
