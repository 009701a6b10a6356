import net from 'node:net';
import { FrontendMessageReader } from './frontend-messages';

// Counts the round trips Handoff's processes make to PostgreSQL from outside them: they connect to this
// loopback proxy instead of the server, every byte passes through unchanged in both directions, and a
// copy of what the clients send is read for queries.

export interface PostgresCounter {
  // The upstream URL with the proxy's host and port: same database, user and parameters.
  url: string;
  // Queries answered so far, over every connection: one per simple query, one per extended-protocol Sync.
  roundTrips(): number;
  // Connections opened through the proxy so far.
  connections(): number;
  reset(): void;
  // Closes the listener and every connection still open through it.
  stop(): Promise<void>;
}

export async function startPostgresCounter(upstreamUrl: string): Promise<PostgresCounter> {
  const upstream = new URL(upstreamUrl);
  // A socket directory in the query would send the client around the proxy, and nothing would be counted.
  if (upstream.searchParams.has('host')) throw new Error('the upstream URL names its host in the query; give it in the authority instead');
  const upstreamHost = upstream.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const upstreamPort = Number(upstream.port || 5432);

  let roundTrips = 0;
  let connections = 0;
  // Counts after a connection went unreadable would be too low; the first reason is kept and reported.
  let unreadable: Error | undefined;
  const sockets = new Set<net.Socket>();

  const listener = net.createServer((client) => {
    connections++;
    const server = net.connect({ host: upstreamHost, port: upstreamPort });
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());

    const reader = new FrontendMessageReader();
    const guarded = (read: () => void) => {
      try {
        read();
      } catch (err) {
        unreadable ??= err as Error;
        // The bytes still go through: a proxy that cut connections would change what it measures.
        client.off('data', fromClient);
        server.off('data', fromServer);
      }
    };
    const fromClient = (chunk: Buffer) => guarded(() => (roundTrips += reader.read(chunk)));
    const fromServer = (chunk: Buffer) => {
      if (reader.awaitingServerAnswer) guarded(() => reader.serverAnswered(chunk[0]!));
    };
    // Listening before piping puts the reader first, so it has seen an encryption request before the
    // server's answer to it can arrive.
    client.on('data', fromClient);
    server.on('data', fromServer);
    client.pipe(server);
    server.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const { port } = listener.address() as net.AddressInfo;
  const proxied = new URL(upstreamUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);

  return {
    url: proxied.toString(),
    roundTrips() {
      if (unreadable) throw new Error(`PostgreSQL round trips could not be counted: ${unreadable.message}`);
      return roundTrips;
    },
    connections: () => connections,
    reset() {
      roundTrips = 0;
      connections = 0;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
