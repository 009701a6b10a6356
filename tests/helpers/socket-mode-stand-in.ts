import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID } from './slack-workspace';
import { waitForRecords } from './wait-for';
import { WAIT_MS } from './timeouts';

export interface SocketAck {
  envelopeId: string;
  payload?: unknown;
  at: number;
}

// Stands in for Slack's Socket Mode endpoint: greets each connection as Slack does, delivers envelopes
// over it, and records the acknowledgements the app sends back.
export class SocketModeStandIn {
  private readonly server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  private readonly sockets = new Set<WebSocket>();
  private readonly acks: SocketAck[] = [];

  constructor() {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.acks.push({ envelopeId: message.envelope_id, payload: message.payload, at: Date.now() });
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: APP_ID } }));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  async waitForConnection(timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sockets.size === 0) {
      if (Date.now() > deadline) throw new Error('the app never opened a Socket Mode connection');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // Sends an Events API payload as Slack does over Socket Mode; each delivery has its own envelope id.
  sendEvent(payload: Record<string, unknown>, retryAttempt = 0): string {
    return this.deliver({ type: 'events_api', payload, accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' });
  }

  // A button press, modal submission or other interactivity payload.
  sendInteraction(payload: Record<string, unknown>): string {
    return this.deliver({ type: 'interactive', payload, accepts_response_payload: false });
  }

  // A slash command: over Socket Mode its fields arrive as a JSON object, not a form.
  sendSlashCommand(payload: Record<string, string>): string {
    return this.deliver({ type: 'slash_commands', payload, accepts_response_payload: true });
  }

  private deliver(envelope: { type: string; payload: object } & Record<string, unknown>): string {
    const envelopeId = randomUUID();
    for (const socket of this.sockets) {
      socket.send(JSON.stringify({ envelope_id: envelopeId, ...envelope }));
      break;
    }
    return envelopeId;
  }

  acknowledged(): SocketAck[] {
    return [...this.acks];
  }

  waitForAck(envelopeId: string, timeoutMs = WAIT_MS): Promise<SocketAck[]> {
    return waitForRecords(() => this.acks, (a) => a.envelopeId === envelopeId, {
      timeoutMs, minCount: 1, label: 'Socket Mode acknowledgements', describe: (a) => a.envelopeId,
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
