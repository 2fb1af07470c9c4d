// One output edge of a node: its Unix-socket connection, the receiver's credit window, the batch of
// messages waiting for the next frame, and the first values it sent, kept for the run's record
// (valueRecords.ts). outputs.ts puts ports and the hub on top.

import net from 'node:net';
import type { EdgeCountReport } from '../common/protocol.js';
import {
  FRAME_DATA,
  FRAME_HELLO,
  FRAME_WINDOW,
  FrameDecoder,
  encodeEndFrame,
  encodeFrameHeader,
  encodeTextFrame,
  FRAME_CHARS,
} from '../common/frames.js';
import { VALUE_RECORD_LIMIT, VALUE_RECORD_MAX_CHARS } from '../../nodes/data/lib/outputRecords.js';

export const RESOLVED = Promise.resolve();

export class OutEdge {
  sent = 0;
  limit = 0;
  /** The receiver's taken count carried by the last window. */
  knownTaken = 0;
  /** Characters of message JSON sent, and the receiver's limit for them (frames.ts). */
  sentChars = 0;
  charLimit = 0;
  /** The receiver is gone (finished or failed): further values to it are dropped. */
  dropped = false;
  /** `sent` when the node last asked an input for more (its earlier inputs are done). */
  mark = 0;
  /** A retry's first values on this edge that the failed attempt already sent: not sent again. */
  skip = 0;
  ended = false;
  /** The JSON of the first values sent: whole pushes, while under VALUE_RECORD_LIMIT values and MAX_CHARS. */
  readonly firstSent: string[] = [];
  private firstCount = 0;
  private firstChars = 0;
  private parts: string[] = [];
  private chars = 0;
  private scheduled = false;
  private socket: net.Socket | undefined;
  private waiter: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  private readonly flushCb = (): void => {
    this.scheduled = false;
    this.flush();
  };

  constructor(
    readonly id: string,
    readonly port: string,
  ) {}

  connect(socketPath: string): void {
    const socket = net.createConnection(socketPath);
    this.socket = socket;
    socket.write(encodeTextFrame(FRAME_HELLO, this.id));
    const decoder = new FrameDecoder((kind, payload) => {
      if (kind !== FRAME_WINDOW) return;
      const limit = payload.readDoubleBE(0);
      this.knownTaken = payload.readDoubleBE(8);
      const charLimit = payload.readDoubleBE(16);
      if (limit > this.limit || charLimit > this.charLimit) {
        this.limit = Math.max(limit, this.limit);
        this.charLimit = Math.max(charLimit, this.charLimit);
        this.wake();
      }
    });
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.ended) return;
      this.dropped = true;
      this.parts = [];
      this.wake();
    });
  }

  get full(): boolean {
    return this.waiter !== undefined;
  }

  /** The run is paused: nothing is sent (the receivers grant nothing either). */
  paused = false;

  /** Room for one more message: below both limits (a message may cross the character limit). */
  hasRoom(): boolean {
    return this.sent < this.limit && this.sentChars < this.charLimit && !this.paused;
  }

  /** How many more messages the receiver's window allows. */
  room(): number {
    return this.sentChars < this.charLimit && !this.paused ? this.limit - this.sent : 0;
  }

  /** `text`: the JSON of `count` messages, comma-separated (an array's text without its brackets). */
  push(text: string, count = 1): void {
    // The run's record of the first values: one comparison per push once it is full.
    if (this.firstCount < VALUE_RECORD_LIMIT) {
      this.firstChars += text.length;
      if (this.firstChars > VALUE_RECORD_MAX_CHARS)
        this.firstCount = VALUE_RECORD_LIMIT; // full: stop here
      else {
        this.firstSent.push(text);
        this.firstCount += count;
      }
    }
    this.parts.push(text);
    this.chars += text.length;
    this.sent += count;
    // The messages' own characters: the commas between them do not count (frames.ts).
    this.sentChars += text.length - count + 1;
    if (this.chars >= FRAME_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushCb);
    }
  }

  flush(): void {
    if (this.parts.length === 0 || !this.socket) return;
    const text = this.parts.length === 1 ? `[${this.parts[0]}]` : `[${this.parts.join(',')}]`;
    this.parts = [];
    this.chars = 0;
    // Header and text go out in one writev; the text is not first copied into a Buffer of its own
    // (fewer large external allocations, which make V8 collect more often).
    const socket = this.socket;
    socket.cork();
    socket.write(encodeFrameHeader(FRAME_DATA, Buffer.byteLength(text)));
    socket.write(text, 'utf8');
    socket.uncork();
  }

  waitForRoom(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  abort(reason: unknown): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(reason);
  }

  /** Flushes, sends the end frame and resolves once the bytes are handed to the kernel. */
  end(): Promise<void> {
    if (this.ended) return RESOLVED;
    this.ended = true;
    const socket = this.socket;
    if (!socket || this.dropped || socket.destroyed) return RESOLVED;
    this.flush();
    return new Promise((resolve) => {
      // 'finish': our bytes are with the kernel. The receiver keeps its side open until its node ends.
      socket.once('finish', () => resolve());
      socket.once('close', () => resolve());
      socket.end(encodeEndFrame());
    });
  }

  report(): EdgeCountReport {
    return { edgeId: this.id, sent: this.sent, received: this.knownTaken, full: this.full };
  }

  destroy(): void {
    this.socket?.destroy();
  }
}
