import pino from 'pino';

export type Logger = pino.Logger;

// `destination` defaults to standard output; tests read the lines themselves.
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level, base: { app: 'handoff' } }, destination) : pino({ level, base: { app: 'handoff' } });
}
