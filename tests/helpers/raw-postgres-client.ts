import net from 'node:net';
import { sslRequest, startupMessage, terminate } from './postgres-messages';
import { WAIT_MS } from './timeouts';

// A PostgreSQL client on a bare socket, for tests that must control how the bytes are written: several
// queries in one write, or one byte per write. It reads just enough of the server's replies to know when
// each query is answered (ReadyForQuery) and whether one failed (ErrorResponse).

export interface RawPostgresOptions {
  // Ask for TLS first, as a driver configured to prefer it would; the server must answer 'N'.
  sslRequest?: boolean;
  // Write every byte on its own and let the event loop poll before the next, so a reader on the other side
  // in this process gets the messages byte by byte.
  bytePerWrite?: boolean;
}

export interface RawPostgresClient {
  // Writes `bytes` and resolves once the server has become ready for a query `answers` more times.
  send(bytes: Buffer, answers: number): Promise<void>;
  close(): Promise<void>;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const ERROR_RESPONSE = 0x45; // 'E'

export async function connectRawPostgres(url: string, opts: RawPostgresOptions = {}): Promise<RawPostgresClient> {
  const { hostname, port, pathname, username } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port || 5432) });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));

  let pending = Buffer.alloc(0);
  let awaitingSslAnswer = false;
  let sslAnswer: number | undefined;
  let readies = 0;
  let failure: Error | undefined;
  let wake = () => {};

  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    if (awaitingSslAnswer && pending.length > 0) {
      sslAnswer = pending[0];
      pending = pending.subarray(1);
      awaitingSslAnswer = false;
    }
    while (pending.length >= 5) {
      const length = pending.readInt32BE(1);
      if (pending.length < 1 + length) break;
      const type = pending[0];
      if (type === READY_FOR_QUERY) readies++;
      if (type === ERROR_RESPONSE) failure ??= new Error(`PostgreSQL answered with an error: ${errorText(pending.subarray(5, 1 + length))}`);
      pending = pending.subarray(1 + length);
    }
    wake();
  });
  socket.on('error', (err) => {
    failure ??= err;
    wake();
  });
  socket.on('close', () => {
    failure ??= new Error('PostgreSQL closed the connection');
    wake();
  });

  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + WAIT_MS;
    while (!condition()) {
      if (failure) throw failure;
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), deadline - Date.now());
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      if (timedOut && !condition()) throw new Error(`no ${what} from PostgreSQL within ${WAIT_MS} ms`);
    }
  };
  const write = async (bytes: Buffer) => {
    const pieces = opts.bytePerWrite ? [...bytes].map((b) => Buffer.from([b])) : [bytes];
    for (const piece of pieces) {
      await new Promise<void>((resolve, reject) => socket.write(piece, (err) => (err ? reject(err) : resolve())));
      // A write's callback comes before the event loop polls again, so without this the bytes pile up in
      // the kernel and a reader in this process gets them together. Two check phases have a poll between.
      if (opts.bytePerWrite) for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const send = async (bytes: Buffer, answers: number) => {
    const target = readies + answers;
    await write(bytes);
    await until(() => readies >= target, `${answers} ReadyForQuery`);
  };

  try {
    if (opts.sslRequest) {
      awaitingSslAnswer = true;
      await write(sslRequest());
      await until(() => sslAnswer !== undefined, 'answer to the SSLRequest');
      if (sslAnswer !== 'N'.charCodeAt(0)) throw new Error(`the server answered the SSLRequest with ${String.fromCharCode(sslAnswer!)}, not N`);
    }
    await send(startupMessage({ user: decodeURIComponent(username), database: decodeURIComponent(pathname.slice(1)) }), 1);
  } catch (err) {
    socket.destroy();
    throw err;
  }

  return {
    send,
    async close() {
      if (socket.destroyed) return;
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.end(terminate());
      await closed;
    },
  };
}

// An ErrorResponse is a list of (field code, C string); the message field is 'M'.
function errorText(body: Buffer): string {
  const fields = body.toString('utf8').split('\0');
  return fields.find((f) => f.startsWith('M'))?.slice(1) ?? fields.join(' ');
}
