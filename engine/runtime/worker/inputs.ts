// The receiving side of a node's data channels: a Unix-socket server that upstream workers connect
// to (one connection per edge), and the InputPort streams the node reads. Credits are granted as the
// node TAKES messages, not when bytes arrive, so a slow node holds its senders back.

import net from 'node:net';
import { rmSync } from 'node:fs';
import type { BatchOptions } from '../../sdk/index.js';
import type { InputEdgeAssignment } from '../common/protocol.js';
import {
  CHANNEL_CHARS,
  FRAME_DATA,
  FRAME_END,
  FRAME_HELLO,
  FrameDecoder,
  encodeWindowFrame,
} from '../common/frames.js';
import { HeldValues, type QueueEntry } from './heldValues.js';
import { socketPath } from './socketPath.js';

interface InEdge {
  id: string;
  port: InputPortImpl;
  capacity: number;
  /** Messages that arrived on the wire. */
  arrived: number;
  /** Messages the node took. */
  taken: number;
  /** `taken` as of the last window sent. */
  granted: number;
  /** Characters of message JSON the node took (frames.ts), and as of the last window. */
  takenChars: number;
  grantedChars: number;
  windowSent: boolean;
  socket: net.Socket | undefined;
  socketClosed: boolean;
  /** The host said the sender is gone (allow-fail): end once the socket has delivered what it had. */
  hostClosed: boolean;
  ended: boolean;
}

const DONE: IteratorResult<never, undefined> = { done: true, value: undefined };

/** A pending read: of one value (`max` 0) or of a batch of up to `max` values. */
interface Waiter {
  max: number;
  keep: boolean;
  resolve: (r: IteratorResult<unknown, undefined>) => void;
  reject: (e: unknown) => void;
}

type Entry = QueueEntry<InEdge>;

/**
 * One input port's stream. Every read carries the attempt (`epoch`) it comes from: a read of an
 * attempt that has ended is refused, so a failed or timed-out attempt cannot take a value from its
 * retry. What the node took and has not finished with is held (heldValues.ts) for a retry.
 */
export class InputPortImpl {
  readonly edges: InEdge[] = [];
  /** Arrived batches, consumed from `head` (batch) and `idx` (value within it). */
  private queue: Array<Entry | undefined> = [];
  private head = 0;
  private idx = 0;
  private available = 0;
  private waiter: Waiter | undefined;
  private readonly held = new HeldValues<InEdge>();

  constructor(
    readonly name: string,
    private readonly hub: InputHub,
  ) {}

  get connected(): number {
    return this.edges.length;
  }

  /** Refused reads (stopped, or an attempt that ended); else the node asks for more: a checkpoint. */
  private refuse(epoch: number, keep: boolean): Promise<never> | undefined {
    if (this.hub.abortReason !== undefined) return Promise.reject(this.hub.abortReason);
    if (epoch !== this.hub.epoch) return Promise.reject(this.hub.fence);
    if (!keep && this.held.hasStream) {
      this.held.checkpoint();
      this.hub.onCheckpoint();
    }
    return undefined;
  }

  next(epoch: number): Promise<IteratorResult<unknown, undefined>> {
    const refused = this.refuse(epoch, false);
    if (refused) return refused;
    if (this.available > 0) return Promise.resolve({ done: false, value: this.take() });
    if (this.isEnded()) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiter = { max: 0, keep: false, resolve, reject };
    });
  }

  /** The next batch: everything buffered (at least one value, at most `max`), or done. */
  /** `keep`: what it takes stays held until `run` returns (all(), batches({ keep: true })). */
  nextBatch(max: number, epoch: number, keep: boolean): Promise<IteratorResult<unknown[], undefined>> {
    const refused = this.refuse(epoch, keep);
    if (refused) return refused;
    if (this.available > 0) return Promise.resolve({ done: false, value: this.takeBatch(max, keep) });
    if (this.isEnded()) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiter = { max, keep, resolve: resolve as Waiter['resolve'], reject };
    });
  }

  batches(options: BatchOptions, epoch: number): AsyncIterable<unknown[]> {
    const max = options.max ?? Infinity;
    if (!(max >= 1)) {
      throw new RangeError(`Input "${this.name}": batches({ max }) needs max ≥ 1, not ${String(max)}`);
    }
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => this.nextBatch(max, epoch, options.keep === true),
        return: () => Promise.resolve(DONE),
      }),
    };
  }

  async all(epoch: number): Promise<unknown[]> {
    let out: unknown[] | undefined;
    for (;;) {
      const r = await this.nextBatch(Infinity, epoch, true);
      if (r.done) return out ?? [];
      if (out === undefined) out = r.value;
      else for (const v of r.value) out.push(v);
    }
  }

  /** `chars`: the characters of the values' own JSON (frames.ts). */
  push(edge: InEdge, values: unknown[], raw: Buffer, chars: number): void {
    if (values.length === 0) return;
    edge.arrived += values.length;
    this.queue.push({ edge, values, raw, base: 0, replay: false, chars, charsGiven: 0 });
    this.available += values.length;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w.resolve({ done: false, value: w.max === 0 ? this.take() : this.takeBatch(w.max, w.keep) });
    }
  }

  /**
   * The attempt failed and a retry follows: what it took and had not finished with goes back to the
   * front of the queue, in the order it was taken.
   */
  rewind(): void {
    const again = this.held.rewind();
    if (again.length === 0) return;
    const rest = this.queue.slice(this.head) as Entry[];
    const first = rest[0];
    if (first && this.idx > 0) {
      rest[0] = {
        ...first,
        values: first.values.slice(this.idx),
        base: first.base + this.idx,
        chars: first.chars - first.charsGiven,
        charsGiven: 0,
      };
    }
    for (const e of again) this.available += e.values.length;
    this.queue = again.concat(rest);
    this.head = 0;
    this.idx = 0;
  }

  /** An edge ended: wake a reader waiting for a value that will never come. */
  wake(): void {
    const w = this.waiter;
    if (w && this.available === 0 && this.isEnded()) {
      this.waiter = undefined;
      w.resolve(DONE);
    }
  }

  /** Rejects the pending read (the run stopped, or its attempt ended). */
  abort(reason: unknown): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(reason);
  }

  private isEnded(): boolean {
    return this.edges.every((e) => e.ended);
  }

  private take(): unknown {
    const batch = this.queue[this.head] as Entry;
    const value = batch.values[this.idx];
    this.held.hold(batch, this.idx, 1, false);
    this.consume(batch, 1);
    return value;
  }

  /** `count` values of the head batch are taken: step past them and give their credit back. */
  private consume(batch: Entry, count: number): void {
    this.available -= count;
    this.idx += count;
    const whole = this.idx >= batch.values.length;
    if (whole) {
      this.queue[this.head++] = undefined;
      this.idx = 0;
      // Compact now and then instead of shifting (O(1) per take).
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    if (batch.replay) return;
    // A frame's characters are credited in proportion as its values are taken, exactly once whole.
    const chars = whole ? batch.chars - batch.charsGiven : (batch.chars * count) / batch.values.length;
    batch.charsGiven += chars;
    batch.edge.taken += count;
    batch.edge.takenChars += chars;
    this.hub.maybeGrant(batch.edge);
  }

  /**
   * Up to `max` buffered values (at least one is available). A whole arrived batch is handed over as
   * it is, without a copy; the arrays are not used again here, so the node may keep or change them.
   */
  private takeBatch(max: number, keep: boolean): unknown[] {
    let out: unknown[] | undefined;
    let n = 0;
    while (this.available > 0 && n < max) {
      const batch = this.queue[this.head] as Entry;
      const from = this.idx;
      const count = Math.min(batch.values.length - from, max - n);
      this.held.hold(batch, from, count, keep);
      const whole = from === 0 && count === batch.values.length;
      if (out === undefined) out = whole ? batch.values : batch.values.slice(from, from + count);
      else for (let k = from; k < from + count; k++) out.push(batch.values[k]);
      n += count;
      this.consume(batch, count);
    }
    return out as unknown[];
  }
}

export class InputHub {
  readonly ports = new Map<string, InputPortImpl>();
  readonly socketPath = socketPath();
  abortReason: unknown = undefined;
  /** The current attempt: reads of another one are refused with `fence`. */
  epoch = 1;
  fence: unknown = undefined;
  /** The node asked a port for more (its earlier values are done): outputs mark their position. */
  onCheckpoint: () => void = () => undefined;
  private readonly edges = new Map<string, InEdge>();
  private readonly server: net.Server;
  private paused = false;

  constructor(
    portNames: string[],
    assignments: InputEdgeAssignment[],
    private readonly nodeId: string,
  ) {
    for (const name of portNames) this.ports.set(name, new InputPortImpl(name, this));
    for (const a of assignments) {
      const port = this.ports.get(a.port);
      if (!port) throw new Error(`Node "${nodeId}" has no input port "${a.port}" (edge "${a.edgeId}")`);
      const edge: InEdge = {
        id: a.edgeId,
        port,
        capacity: Math.max(1, a.capacity),
        arrived: 0,
        taken: 0,
        granted: 0,
        takenChars: 0,
        grantedChars: 0,
        windowSent: false,
        socket: undefined,
        socketClosed: false,
        hostClosed: false,
        ended: false,
      };
      port.edges.push(edge);
      this.edges.set(a.edgeId, edge);
    }
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
  }

  private accept(socket: net.Socket): void {
    let edge: InEdge | undefined;
    const decoder = new FrameDecoder((kind, payload) => {
      if (kind === FRAME_HELLO) {
        edge = this.edges.get(payload.toString('utf8'));
        if (!edge || edge.socket) {
          socket.destroy();
          return;
        }
        edge.socket = socket;
        this.grant(edge);
      } else if (!edge) {
        socket.destroy();
      } else if (kind === FRAME_DATA) {
        const text = payload.toString('utf8');
        const values = JSON.parse(text) as unknown[];
        // The frame's text minus its brackets and commas: the values' own characters.
        edge.port.push(edge, values, payload, text.length - values.length - 1);
      } else if (kind === FRAME_END) {
        this.end(edge);
      }
    });
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (!edge) return;
      edge.socketClosed = true;
      if (edge.hostClosed) this.end(edge);
    });
  }

  private end(edge: InEdge): void {
    if (edge.ended) return;
    edge.ended = true;
    edge.port.wake();
  }

  /** The host reports the sender of this edge is gone for good. */
  closeEdge(edgeId: string): void {
    const edge = this.edges.get(edgeId);
    if (!edge) return;
    edge.hostClosed = true;
    if (!edge.socket || edge.socketClosed) this.end(edge);
  }

  /**
   * Grants more credit once the node has taken half a window. Not sooner: small windows would make
   * small batches (a frame and a syscall for a handful of messages). No stall either: a sender
   * waiting for credit has sent the whole window, so its receiver will take half of it.
   */
  maybeGrant(edge: InEdge): void {
    if (this.paused || !edge.socket) return;
    if (
      (edge.taken - edge.granted) * 2 >= edge.capacity ||
      (edge.takenChars - edge.grantedChars) * 2 >= CHANNEL_CHARS
    )
      this.grant(edge);
  }

  private grant(edge: InEdge): void {
    if (this.paused || !edge.socket || edge.socketClosed) return;
    edge.granted = edge.taken;
    edge.grantedChars = edge.takenChars;
    edge.windowSent = true;
    edge.socket.write(
      encodeWindowFrame(edge.taken + edge.capacity, edge.taken, edge.takenChars + CHANNEL_CHARS),
    );
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const edge of this.edges.values())
      if (!edge.windowSent || edge.taken > edge.granted || edge.takenChars > edge.grantedChars)
        this.grant(edge);
  }

  abort(reason: unknown): void {
    this.abortReason = reason;
    for (const port of this.ports.values()) port.abort(reason);
  }

  /** The attempt ended: its pending and later reads are refused with `reason`. */
  endAttempt(reason: unknown): void {
    this.epoch++;
    this.fence = reason;
    for (const port of this.ports.values()) port.abort(reason);
  }

  /** A retry starts: every port delivers again what the failed attempt had not finished with. */
  rewind(): void {
    for (const port of this.ports.values()) port.rewind();
  }

  counts(): Array<{ edgeId: string; received: number }> {
    return [...this.edges.values()].map((e) => ({ edgeId: e.id, received: e.taken }));
  }

  /** The node is done: senders to it see the connection close and drop what they still send. */
  close(): void {
    for (const edge of this.edges.values()) edge.socket?.destroy();
    this.server.close();
    rmSync(this.socketPath, { force: true });
  }
}
