import type { RequestHandler, Response } from 'express';
import { HandoffError } from '../errors';
import type { PlaygroundStates } from './conversation-state';
import { playgroundConversationId } from './conversation-id';
import type { PlaygroundFeed } from './feed';
import type { PageEvent } from './page-events';

// Proxies drop a connection that stays silent for a minute or so.
const KEEP_ALIVE_MS = 15_000;

// The event streams this replica holds open, so stopping it can end them: the server cannot close while they
// last, and the browser's EventSource reconnects to another replica by itself.
export class OpenStreams {
  private readonly open = new Set<Response>();

  add(res: Response): void {
    this.open.add(res);
  }

  delete(res: Response): void {
    this.open.delete(res);
  }

  endAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

function frame(event: PageEvent): string {
  // JSON has no raw line breaks, so one event is always one `data:` line.
  return `data: ${JSON.stringify(event)}\n\n`;
}

// GET /playground/events?conversation=…: server-sent events of one conversation, from whichever replica
// received them. `ready` is sent once the subscription holds, so the page knows from when nothing is missed.
export function eventStream(feed: PlaygroundFeed, states: PlaygroundStates, streams: OpenStreams): RequestHandler {
  return async (req, res) => {
    const id = playgroundConversationId.safeParse(req.query.conversation);
    if (!id.success) {
      throw new HandoffError('invalid_request', 'Invalid query', [{ path: 'conversation', message: id.error.issues[0]!.message }]);
    }
    const conversationId = id.data;
    // Events that arrive before the stream is open are sent right after the state they may already be part of.
    const early: PageEvent[] = [];
    let live = false;
    const unsubscribe = await feed.subscribe(conversationId, (event) => (live ? res.write(frame(event)) : early.push(event)));
    let state;
    try {
      state = await states.get(conversationId);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    if (req.destroyed) return unsubscribe();
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx would otherwise hold events back in its buffer.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 2000\n\n');
    if (state) res.write(frame({ kind: 'state', ...state }));
    for (const event of early) res.write(frame(event));
    live = true;
    res.write('event: ready\ndata: {}\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  };
}
