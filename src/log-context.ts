import { AsyncLocalStorage } from 'node:async_hooks';

// What every line logged while one HTTP request is handled carries: the request's id, and its workspace once
// the request has been matched to one.
export interface LogContext {
  requestId: string;
  workspaceId?: string;
}

// Async context belongs to the process, as the event loop does; each request's fields live in a store of its
// own, so concurrent requests, and several Handoffs in one process, never see each other's.
const current = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(context: LogContext, run: () => T): T {
  return current.run(context, run);
}

export function logContext(): LogContext | undefined {
  return current.getStore();
}

// Where a request's workspace is found. Outside a request (a job), there is no line to add it to.
export function noteWorkspace(workspaceId: string): void {
  const context = current.getStore();
  if (context) context.workspaceId = workspaceId;
}
