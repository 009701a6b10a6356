// PostgreSQL frontend messages built by hand, byte for byte as the protocol defines them, for tests that
// need to send what a driver would without one.

const PROTOCOL_3_0 = 196608;
const CANCEL_REQUEST_CODE = 80877102;
const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

function int16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
}

// The startup phase's messages have no type byte: a length, then a code or protocol version.
function untyped(code: number, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([int32(8 + body.length), int32(code), body]);
}

function typed(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(type, 'ascii'), int32(4 + body.length), body]);
}

export function startupMessage(params: Record<string, string>): Buffer {
  const pairs = Object.entries(params).flatMap(([k, v]) => [cstring(k), cstring(v)]);
  return untyped(PROTOCOL_3_0, Buffer.concat([...pairs, Buffer.from([0])]));
}

export const sslRequest = (): Buffer => untyped(SSL_REQUEST_CODE);
export const gssEncRequest = (): Buffer => untyped(GSSENC_REQUEST_CODE);
export const cancelRequest = (pid: number, key: number): Buffer => untyped(CANCEL_REQUEST_CODE, Buffer.concat([int32(pid), int32(key)]));

export const simpleQuery = (sql: string): Buffer => typed('Q', cstring(sql));
export const sync = (): Buffer => typed('S');
export const flush = (): Buffer => typed('H');
export const terminate = (): Buffer => typed('X');

// Parse, Bind, Describe, Execute and Sync of an unnamed statement with text parameters: what
// node-postgres writes for one parameterised query.
export function extendedQuery(sql: string, params: string[]): Buffer {
  const values = params.map((p) => {
    const bytes = Buffer.from(p, 'utf8');
    return Buffer.concat([int32(bytes.length), bytes]);
  });
  return Buffer.concat([
    typed('P', Buffer.concat([cstring(''), cstring(sql), int16(0)])),
    typed('B', Buffer.concat([cstring(''), cstring(''), int16(0), int16(params.length), ...values, int16(0)])),
    typed('D', Buffer.concat([Buffer.from('P', 'ascii'), cstring('')])),
    typed('E', Buffer.concat([cstring(''), int32(0)])),
    sync(),
  ]);
}
