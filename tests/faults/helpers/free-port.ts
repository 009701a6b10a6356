import net from 'node:net';

// A loopback port nobody listens on right now. Another process may take it before the caller binds it, so
// callers that can start again on another port do so when the bind fails.
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
