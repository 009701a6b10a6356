import net from 'node:net';

export interface CuttablePath {
  // `url` (a PostgreSQL or Redis URL of the server this path leads to) with this path's host and port instead.
  through(url: string): string;
  // Drops every connection and refuses new ones, as when the server crashes or the network fails.
  cut(): Promise<void>;
  // Accepts connections again on the same port, as when the server is back.
  restore(): Promise<void>;
}

// A loopback TCP path to a shared server (the test PostgreSQL or Redis), so a test can take that server away
// from one Handoff only, without disturbing the test files running beside it. Bytes pass through unchanged.
export async function openCuttablePath(serverUrl: string): Promise<CuttablePath> {
  const target = new URL(serverUrl);
  const targetPort = Number(target.port || (target.protocol.startsWith('redis') ? 6379 : 5432));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  return {
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    async cut() {
      if (!server.listening) return;
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async restore() {
      if (!server.listening) await listen(port);
    },
  };
}
