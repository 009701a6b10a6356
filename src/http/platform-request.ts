import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { HandoffError } from '../errors';

export const MAX_BODY_BYTES = 1024 * 1024;

// What a verified bot-platform request carries past the signature check.
export interface PlatformRequest {
  webhookId: string;
  body: unknown;
}

declare module 'express-serve-static-core' {
  interface Request {
    platform?: PlatformRequest;
  }
}

const rawJson = express.raw({ type: () => true, limit: MAX_BODY_BYTES });

function header(req: Request, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

// Verifies the Standard Webhooks signature over the exact bytes received, then parses them.
// `emptyBody`: a request whose body is optional may come with none at all, and then carries `undefined`.
export function platformRequest(signingSecret: string, opts: { emptyBody?: boolean } = {}): RequestHandler[] {
  const webhook = new Webhook(signingSecret);
  const verify: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const headers = {
      'webhook-id': header(req, 'webhook-id'),
      'webhook-timestamp': header(req, 'webhook-timestamp'),
      'webhook-signature': header(req, 'webhook-signature'),
    };
    const missing = Object.entries(headers).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length > 0) {
      throw new HandoffError('invalid_signature', `Missing signature header: ${missing.join(', ')}`);
    }
    try {
      webhook.verify(raw, headers, { jsonParse: false });
    } catch (err) {
      if (err instanceof WebhookVerificationError) {
        throw new HandoffError('invalid_signature', `Signature rejected: ${err.message}`);
      }
      throw err;
    }
    if (opts.emptyBody && raw === '') {
      req.platform = { webhookId: headers['webhook-id'], body: undefined };
      next();
      return;
    }
    if (!req.is('application/json')) {
      throw new HandoffError('unsupported_media_type', 'Send the body as application/json');
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (err) {
      throw new HandoffError('invalid_request', `Body is not valid JSON: ${(err as Error).message}`, [
        { path: '(body)', message: 'is not valid JSON' },
      ]);
    }
    req.platform = { webhookId: headers['webhook-id'], body };
    next();
  };
  return [rawJson, verify];
}
