// The data-channel wire format between node processes: length-prefixed frames over a Unix socket.
//   [u32 BE length of the rest][u8 kind][payload]
// DATA carries a JSON array of messages (one frame = one batch). WINDOW carries three float64: the
// limit (the receiver's count of messages its node has TAKEN, plus the edge's capacity), that taken
// count, and a limit in characters of message JSON (the characters taken plus CHANNEL_CHARS). The
// sender may send while `sent < limit` and `sentChars < charLimit` (credit-based back-pressure, like
// GenStage demand, bounded in messages and in size); the taken count lets it report `sent` and
// `received` as one consistent pair. Characters are those of each message's own JSON (a frame's
// text minus its brackets and commas), so both ends count the same whatever the framing.

export const FRAME_HELLO = 1; // sender → receiver: utf8 edge id, first frame on a connection
export const FRAME_DATA = 2; // sender → receiver: utf8 JSON array of messages
export const FRAME_END = 3; // sender → receiver: the sender finished; no payload
export const FRAME_WINDOW = 4; // receiver → sender: float64 limit, float64 taken

const HEADER = 5;

export function encodeTextFrame(kind: number, text: string): Buffer {
  const len = Buffer.byteLength(text);
  const buf = Buffer.allocUnsafe(HEADER + len);
  buf.writeUInt32BE(len + 1, 0);
  buf[4] = kind;
  buf.write(text, HEADER, 'utf8');
  return buf;
}

/** The 5-byte header of a frame whose payload (`byteLength` bytes) is written separately. */
export function encodeFrameHeader(kind: number, byteLength: number): Buffer {
  const buf = Buffer.allocUnsafe(HEADER);
  buf.writeUInt32BE(byteLength + 1, 0);
  buf[4] = kind;
  return buf;
}

export function encodeEndFrame(): Buffer {
  const buf = Buffer.allocUnsafe(HEADER);
  buf.writeUInt32BE(1, 0);
  buf[4] = FRAME_END;
  return buf;
}

/**
 * Characters of message JSON an edge may have in flight (sent, not yet taken by the receiving node),
 * whatever its capacity in messages: 16 Mi (32 MiB of UTF-16 text at most). A single message larger
 * than that still goes, alone.
 */
export const CHANNEL_CHARS = 16 * 1024 * 1024;

/** A batch is cut into frames of about this many characters: never one giant string. */
export const FRAME_CHARS = 256 * 1024;

export function encodeWindowFrame(limit: number, taken: number, charLimit: number): Buffer {
  const buf = Buffer.allocUnsafe(HEADER + 24);
  buf.writeUInt32BE(25, 0);
  buf[4] = FRAME_WINDOW;
  buf.writeDoubleBE(limit, HEADER);
  buf.writeDoubleBE(taken, HEADER + 8);
  buf.writeDoubleBE(charLimit, HEADER + 16);
  return buf;
}

export type FrameHandler = (kind: number, payload: Buffer) => void;

/**
 * Splits a byte stream into frames. Chunks are kept in a list and joined once per frame, so a large
 * frame arriving in many chunks is not copied again for every chunk.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly onFrame: FrameHandler) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < 4) return;
      const head = this.ensureContiguous(4);
      const len = head.readUInt32BE(0);
      if (this.buffered < 4 + len) return;
      const all = this.ensureContiguous(4 + len);
      const kind = all[4] as number;
      const payload = all.subarray(HEADER, 4 + len);
      this.consume(4 + len);
      this.onFrame(kind, payload);
    }
  }

  /** The first chunk, merged with following ones until it holds at least `n` bytes. */
  private ensureContiguous(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    if (first.length >= n) return first;
    const merged = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [merged];
    return merged;
  }

  private consume(n: number): void {
    const first = this.chunks[0] as Buffer;
    this.buffered -= n;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
  }
}
