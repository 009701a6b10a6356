import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { withLogContext } from '../log-context';

// A proxy's or the caller's id is kept so one request can be followed across systems, if it could not break
// a log line or a header: short, and only characters ids are made of.
const SANE_ID = /^[A-Za-z0-9._:/+=@-]{1,128}$/;

// First on the web app: every line logged while the request is handled carries its id, which the response
// echoes in x-request-id.
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given !== undefined && SANE_ID.test(given) ? given : randomUUID();
    res.set('x-request-id', id);
    withLogContext({ requestId: id }, next);
  };
}
