// Reads what a PostgreSQL client sends and tells how many round trips it asks for: one per simple query
// ('Q') and one per Sync ('S'), which is how node-postgres ends each extended-protocol query
// (Parse/Bind/Describe/Execute/Sync in one write). Only headers are kept, so a large message costs nothing
// but a counter, and a message split across TCP chunks or sharing one with others reads the same.

const SIMPLE_QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'

// Startup-phase codes, sent in place of a protocol version.
const CANCEL_REQUEST = 80877102;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

// PostgreSQL refuses longer startup packets; a longer one is most likely a TLS ClientHello sent directly.
const MAX_STARTUP_LENGTH = 10_000;

const STARTUP_HEADER = 8; // int32 length, int32 code
const MESSAGE_HEADER = 5; // type byte, int32 length

type Phase =
  | 'startup' // untyped messages: encryption requests, then the StartupMessage or a CancelRequest
  | 'awaiting-answer' // the server's one-byte answer to an encryption request comes next
  | 'messages' // typed messages, after the StartupMessage
  | 'cancel'; // a CancelRequest connection, which carries no queries

export class FrontendMessageReader {
  private phase: Phase = 'startup';
  private readonly header = Buffer.alloc(STARTUP_HEADER);
  private headerFilled = 0;
  private bodyLeft = 0;

  // True after an SSLRequest or GSSENCRequest, until serverAnswered() is given the server's reply.
  get awaitingServerAnswer(): boolean {
    return this.phase === 'awaiting-answer';
  }

  // Reads the next bytes the client sent and returns how many round trips they complete. Throws when the
  // bytes cannot be a PostgreSQL client's, since any count after that would be made up.
  read(chunk: Buffer): number {
    let roundTrips = 0;
    let at = 0;
    while (at < chunk.length && this.phase !== 'cancel') {
      if (this.phase === 'awaiting-answer') throw new Error('the client spoke before the server answered its encryption request');
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= skipped;
        at += skipped;
        continue;
      }
      const headerSize = this.phase === 'startup' ? STARTUP_HEADER : MESSAGE_HEADER;
      const copied = chunk.copy(this.header, this.headerFilled, at, Math.min(chunk.length, at + headerSize - this.headerFilled));
      this.headerFilled += copied;
      at += copied;
      if (this.headerFilled < headerSize) break;
      this.headerFilled = 0;
      roundTrips += this.phase === 'startup' ? this.beginStartupMessage() : this.beginMessage();
    }
    return roundTrips;
  }

  // The server's reply to an encryption request: 'N' keeps the connection readable; 'S' or 'G' means TLS or
  // GSSAPI encryption follows, which this reader cannot see through.
  serverAnswered(byte: number): void {
    if (this.phase !== 'awaiting-answer') return;
    if (byte === 0x53 || byte === 0x47) {
      throw new Error('the server accepted an encrypted connection, whose queries cannot be counted: connect with sslmode=disable');
    }
    this.phase = 'startup';
  }

  private beginStartupMessage(): number {
    const length = this.header.readInt32BE(0);
    const code = this.header.readInt32BE(4);
    if (length < STARTUP_HEADER || length > MAX_STARTUP_LENGTH) {
      throw new Error(`a startup message of ${length} bytes is not PostgreSQL's (a direct TLS connection?)`);
    }
    this.bodyLeft = length - STARTUP_HEADER;
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.phase = 'awaiting-answer';
    else if (code === CANCEL_REQUEST) this.phase = 'cancel';
    else this.phase = 'messages';
    return 0;
  }

  private beginMessage(): number {
    const type = this.header[0]!;
    const length = this.header.readInt32BE(1);
    if (length < 4) throw new Error(`a '${String.fromCharCode(type)}' message claims ${length} bytes, less than its own length field`);
    this.bodyLeft = length - 4;
    return type === SIMPLE_QUERY || type === SYNC ? 1 : 0;
  }
}
