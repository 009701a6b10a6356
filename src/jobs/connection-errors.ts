import { isNotConnectionError } from 'bullmq';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

// Redis being away reaches every queue and worker on the connection, once per reconnect attempt; the
// connection itself logs the outage once (connectRedis), so these say nothing new.
export function isConnectionError(err: Error & { code?: string }): boolean {
  return NETWORK_CODES.has(err.code ?? '') || !isNotConnectionError(err);
}
