import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../logger';
import { readInteraction, readEventEnvelope, type EventEnvelope } from './payloads';

// What the edge does with an event before Slack is answered: store it, or throw. Storing one already
// stored (Slack's retry) stores nothing.
export interface SlackInbox {
  // Whether an event of this kind can cause any work; the rest are answered without being stored.
  wants(envelope: EventEnvelope): Promise<boolean>;
  store(envelope: EventEnvelope, raw: Record<string, unknown>): Promise<void>;
  // Asked for once Slack has its answer; the sweeper asks again if this is lost.
  handle(envelope: EventEnvelope): Promise<void>;
}

// Thrown when the inbox could not store an event: the receiver answers 5xx (over HTTP) or leaves the
// envelope unacknowledged (Socket Mode), so Slack sends the event again.
export class InboxUnavailable extends Error {
  constructor(cause: unknown) {
    super(`the Slack inbox could not store the event: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'InboxUnavailable';
  }
}

// Stands between Slack's transport (HTTP or Socket Mode, either of Bolt's receivers) and Bolt's routing:
// - an event is answered only once it is committed to the inbox, and handled from there by a job;
// - an interaction goes on to Bolt, whose listeners commit their effect before they acknowledge;
// - a payload that is not what Slack sends gets 200 and a log line, never a 5xx Slack would retry for ever.
export class DurableReceiver implements Receiver {
  constructor(
    private readonly transport: Receiver,
    private readonly inbox: SlackInbox,
    private readonly logger: Logger,
  ) {}

  init(app: App): void {
    this.transport.init({ processEvent: (event: ReceiverEvent) => this.receive(app, event) } as unknown as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.transport.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.transport.stop(...args);
  }

  private async receive(app: App, event: ReceiverEvent): Promise<void> {
    const body = event.body as Record<string, unknown>;
    const ack = once(event.ack);
    if (body.type === 'event_callback') {
      await this.receiveEvent(body, ack);
      return;
    }
    const problem = readInteraction(body);
    if (problem) {
      this.logger.warn({ type: body.type, problem }, 'ignored a Slack payload that is not what Slack sends');
      await ack();
      return;
    }
    try {
      await app.processEvent({ ...event, ack });
    } catch (err) {
      // Bolt failed before any listener could answer; Slack does not retry interactions, and a 5xx helps nobody.
      this.logger.error({ err, type: body.type }, 'Slack interaction failed before it was answered');
    }
    // Listeners answer once their work is committed; one nobody listens for (a shortcut, a closed modal) is
    // answered here rather than left to time out.
    await ack();
  }

  private async receiveEvent(body: Record<string, unknown>, ack: () => Promise<void>): Promise<void> {
    const envelope = readEventEnvelope(body);
    if (!envelope.ok) {
      this.logger.warn({ problem: envelope.problem }, 'ignored a Slack event that is not what Slack sends');
      await ack();
      return;
    }
    let wanted: boolean;
    try {
      // Whether it is wanted depends on its workspace's bot, read from the database like the store itself.
      wanted = await withinMs(STORE_TIMEOUT_MS, this.inbox.wants(envelope.value));
      if (wanted) await withinMs(STORE_TIMEOUT_MS, this.inbox.store(envelope.value, body));
    } catch (err) {
      this.logger.error({ err, eventId: envelope.value.eventId }, 'could not store a Slack event; Slack will send it again');
      throw new InboxUnavailable(err);
    }
    await ack();
    if (!wanted) return;
    // Asked for on a retry too: the first delivery may have been stored by an insert that outlived its
    // timeout, with nobody left to ask. The job id is the event's, so asking twice queues it once.
    await this.inbox.handle(envelope.value).catch((err) =>
      this.logger.warn({ err, eventId: envelope.value.eventId }, 'queue unreachable; the sweeper will hand this event on'),
    );
  }
}

// Slack gives up on an answer after three seconds; a database that slow gets a 5xx and Slack's retry, which
// stores nothing twice even if the slow insert commits after all.
const STORE_TIMEOUT_MS = 2_000;

function withinMs<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// Bolt's acknowledgement may be called once; a listener that answered already must not be answered again.
function once(ack: ReceiverEvent['ack']): ReceiverEvent['ack'] {
  let done = false;
  return async (response?: unknown) => {
    if (done) return;
    done = true;
    await ack(response);
  };
}
