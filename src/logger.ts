import pino from 'pino';
import { logContext } from './log-context';

export type Logger = pino.Logger;

// Never written, at any level: credentials in request headers, and tokens and secrets wherever a log call
// (or an error from a client library) puts them.
const REDACT = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
  '*.headers["x-slack-signature"]',
  '*.headers["webhook-signature"]',
  '*.config.headers.Authorization',
  ...['token', 'botToken', 'appToken', 'refreshToken', 'accessToken', 'client_secret', 'clientSecret', 'signingSecret', 'secret'].flatMap((key) => [
    key,
    `*.${key}`,
  ]),
];

const options: pino.LoggerOptions = {
  base: { app: 'handoff' },
  redact: { paths: REDACT, censor: '[redacted]' },
  mixin: () => logContext() ?? {},
};

// `destination` defaults to standard output; tests read the lines themselves.
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ ...options, level }, destination) : pino({ ...options, level });
}
