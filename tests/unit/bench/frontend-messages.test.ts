import { FrontendMessageReader } from '../../bench/counters/frontend-messages';
import {
  cancelRequest,
  extendedQuery,
  flush,
  gssEncRequest,
  simpleQuery,
  sslRequest,
  startupMessage,
  sync,
  terminate,
} from '../../helpers/postgres-messages';

// What a client sends over a whole connection: four round trips (two simple queries, two Syncs), with
// query texts holding the bytes 'Q' and 'S' that must not be mistaken for message types.
const session = Buffer.concat([
  startupMessage({ user: 'postgres', database: 'handoff', application_name: 'QSQS' }),
  simpleQuery("SELECT 'Q', 'S'"),
  extendedQuery('SELECT $1::text', ['SQ']),
  simpleQuery('BEGIN'),
  extendedQuery('SELECT $1::int + $2::int', ['1', '2']).subarray(0, -5), // all but its Sync...
  flush(),
  sync(), // ...which comes after a Flush
  terminate(),
]);
const SESSION_ROUND_TRIPS = 4;

function readAll(reader: FrontendMessageReader, chunks: Buffer[]): number {
  return chunks.reduce((sum, chunk) => sum + reader.read(chunk), 0);
}

describe('reading what a PostgreSQL client sends', () => {
  it('counts one round trip per simple query and per Sync when the session arrives in one chunk', () => {
    expect(readAll(new FrontendMessageReader(), [session])).toBe(SESSION_ROUND_TRIPS);
  });

  it('counts the same wherever the session is split in two', () => {
    for (let at = 0; at <= session.length; at++) {
      const count = readAll(new FrontendMessageReader(), [session.subarray(0, at), session.subarray(at)]);
      if (count !== SESSION_ROUND_TRIPS) throw new Error(`split at byte ${at} counted ${count}`);
    }
  });

  it('counts the same when every byte arrives on its own', () => {
    const bytes = [...session].map((b) => Buffer.from([b]));
    expect(readAll(new FrontendMessageReader(), bytes)).toBe(SESSION_ROUND_TRIPS);
  });

  it('reads the startup message after the server turns down an SSLRequest', () => {
    for (let at = 0; at <= session.length; at++) {
      const reader = new FrontendMessageReader();
      expect(reader.read(sslRequest())).toBe(0);
      expect(reader.awaitingServerAnswer).toBe(true);
      reader.serverAnswered('N'.charCodeAt(0));
      const count = readAll(reader, [session.subarray(0, at), session.subarray(at)]);
      if (count !== SESSION_ROUND_TRIPS) throw new Error(`after SSLRequest, split at byte ${at} counted ${count}`);
    }
  });

  it('reads on after the server turns down GSSAPI and then TLS encryption, as libpq asks for them', () => {
    const reader = new FrontendMessageReader();
    for (const request of [gssEncRequest(), sslRequest()]) {
      expect(reader.read(request)).toBe(0);
      reader.serverAnswered('N'.charCodeAt(0));
    }
    expect(reader.read(session)).toBe(SESSION_ROUND_TRIPS);
  });

  it('refuses to count a connection the server agreed to encrypt', () => {
    const reader = new FrontendMessageReader();
    reader.read(sslRequest());
    expect(() => reader.serverAnswered('S'.charCodeAt(0))).toThrow(/encrypted/);
    const gss = new FrontendMessageReader();
    gss.read(gssEncRequest());
    expect(() => gss.serverAnswered('G'.charCodeAt(0))).toThrow(/encrypted/);
  });

  it('counts nothing on a connection that cancels another', () => {
    const reader = new FrontendMessageReader();
    expect(reader.read(Buffer.concat([cancelRequest(4242, 99), simpleQuery('SELECT 1')]))).toBe(0);
  });

  it('skips a large query in pieces without mistaking its text for messages', () => {
    const big = simpleQuery(`SELECT '${'QS'.repeat(100_000)}'`);
    const chunks = [startupMessage({ user: 'postgres' }), big, sync()].flatMap((m) => {
      const pieces: Buffer[] = [];
      for (let at = 0; at < m.length; at += 1000) pieces.push(m.subarray(at, at + 1000));
      return pieces;
    });
    expect(readAll(new FrontendMessageReader(), chunks)).toBe(2);
  });

  it('refuses bytes that cannot be a PostgreSQL client, such as TLS sent without asking first', () => {
    const clientHello = Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]);
    expect(() => new FrontendMessageReader().read(clientHello)).toThrow(/not PostgreSQL/);
    const shortLength = Buffer.concat([startupMessage({ user: 'postgres' }), Buffer.from([0x51, 0, 0, 0, 2])]);
    expect(() => new FrontendMessageReader().read(shortLength)).toThrow(/less than its own length/);
  });
});
