// The sending side of a node's data channels: one Unix-socket connection per output edge. Values are
// JSON-encoded once (fan-out reuses the text), buffered per edge and flushed as one frame per batch:
// on setImmediate, or at once when a batch grows large. `send` returns an already-resolved promise
// while every edge has credit, so a fast producer pays no new promise per message. `sendMany`
// encodes a whole array with one JSON.stringify when every edge has room for all of it, and
// otherwise each chunk that fits an edge's credit when it goes out (hence its rule: values must not
// change until its promise resolves).

import type { EdgeCountReport, OutputEdgeAssignment } from '../common/protocol.js';
import { FRAME_CHARS } from '../common/frames.js';
import { OutEdge, RESOLVED } from './outEdge.js';
import { VALUE_RECORD_LIMIT } from '../../nodes/data/lib/outputRecords.js';

/** sendMany encodes at most this many values with one JSON.stringify. */
const MAX_CHUNK = 1024;

/** The JSON of `values[from..to)` without the array's brackets: one stringify for all of them. */
function encodeList(values: readonly unknown[], from: number, to: number): string {
  const text = JSON.stringify(from === 0 && to === values.length ? values : values.slice(from, to));
  return text.slice(1, -1);
}

/** One output port. Every send carries the attempt (`epoch`) it comes from (see InputPortImpl). */
export class OutputPortImpl {
  private closed = false;
  tail: Promise<void> | undefined;
  /** How many values sendMany encodes at once: adapted so that a chunk is about FRAME_CHARS. */
  private chunk = 16;

  constructor(
    readonly name: string,
    readonly edges: OutEdge[],
    private readonly hub: OutputHub,
  ) {}

  get connected(): number {
    return this.edges.length;
  }

  send(value: unknown, epoch: number): Promise<void> {
    if (this.tail) return this.track(this.tail.then(() => this.sendNow(value, epoch)));
    const r = this.sendNow(value, epoch);
    return r === RESOLVED ? r : this.track(r);
  }

  private track(p: Promise<void>): Promise<void> {
    this.tail = p;
    const clear = (): void => {
      if (this.tail === p) this.tail = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  /** Why a send is refused now: the port is closed, the run stopped, or the attempt ended. */
  private refusal(epoch: number): unknown {
    if (this.closed) return new Error(`Node "${this.hub.nodeId}": output "${this.name}" is closed`);
    if (this.hub.abortReason !== undefined) return this.hub.abortReason;
    if (epoch !== this.hub.epoch) return this.hub.fence;
    return undefined;
  }

  private sendNow(value: unknown, epoch: number): Promise<void> {
    const refused = this.refusal(epoch);
    if (refused !== undefined) return Promise.reject(refused);
    if (this.edges.length === 0) return RESOLVED;
    const text = JSON.stringify(value) ?? 'null';
    let blocked: OutEdge[] | undefined;
    for (const edge of this.edges) {
      if (edge.dropped) continue;
      if (edge.skip > 0) edge.skip--;
      else if (edge.hasRoom()) edge.push(text);
      else (blocked ??= []).push(edge);
    }
    return blocked ? this.sendBlocked(blocked, text, epoch) : RESOLVED;
  }

  private async sendBlocked(blocked: OutEdge[], text: string, epoch: number): Promise<void> {
    for (const edge of blocked) {
      while (!edge.dropped && !edge.hasRoom()) {
        await edge.waitForRoom();
        const refused = this.refusal(epoch);
        if (refused !== undefined) throw refused;
      }
      if (!edge.dropped) edge.push(text);
    }
  }

  sendMany(values: readonly unknown[], epoch: number): Promise<void> {
    if (!Array.isArray(values)) {
      return Promise.reject(
        new TypeError(
          `Node "${this.hub.nodeId}": output "${this.name}": sendMany expects an array, got ${typeof values}`,
        ),
      );
    }
    if (this.tail) return this.track(this.tail.then(() => this.sendManyNow(values, epoch)));
    const r = this.sendManyNow(values, epoch);
    return r === RESOLVED ? r : this.track(r);
  }

  /** The JSON of `values[from, from + count)` (no brackets); learns the values' size for next time. */
  private encodeChunk(values: readonly unknown[], from: number, count: number): string {
    const text = encodeList(values, from, from + count);
    const per = Math.max(1, text.length / count);
    this.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.floor(FRAME_CHARS / per)));
    return text;
  }

  private sendManyNow(values: readonly unknown[], epoch: number): Promise<void> {
    const refused = this.refusal(epoch);
    if (refused !== undefined) return Promise.reject(refused);
    const n = values.length;
    if (this.edges.length === 0 || n === 0) return RESOLVED;
    // Chunks of about FRAME_CHARS, each encoded once and shared by every edge (fan-out), while every
    // edge has room for the whole chunk; from the first that does not fit, edge by edge.
    for (let at = 0; at < n;) {
      const count = Math.min(n - at, this.chunk);
      for (const edge of this.edges) {
        if (!edge.dropped && (edge.room() < count || edge.skip > 0)) {
          return this.sendManyBlocked(values, at, epoch);
        }
      }
      const text = this.encodeChunk(values, at, count);
      for (const edge of this.edges) if (!edge.dropped) edge.push(text, count);
      at += count;
    }
    return RESOLVED;
  }

  /**
   * Each edge takes the values from `from` on in chunks as its credit allows, one after the other
   * (as `send` does); a chunk is encoded when it goes out, which is why the values must not change
   * until this resolves.
   */
  private async sendManyBlocked(values: readonly unknown[], from: number, epoch: number): Promise<void> {
    for (const edge of this.edges) {
      // What a failed attempt already sent on this edge is not sent again.
      const skipped = Math.min(edge.skip, values.length - from);
      edge.skip -= skipped;
      let at = from + skipped;
      while (at < values.length && !edge.dropped) {
        const room = edge.room();
        if (room <= 0) {
          await edge.waitForRoom();
          const refused = this.refusal(epoch);
          if (refused !== undefined) throw refused;
          continue;
        }
        const end = Math.min(values.length, at + room, at + this.chunk);
        edge.push(this.encodeChunk(values, at, end - at), end - at);
        at = end;
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.tail) await this.tail.catch(() => undefined);
    this.closed = true;
    await Promise.all(this.edges.map((e) => e.end()));
  }
}

export class OutputHub {
  readonly ports = new Map<string, OutputPortImpl>();
  abortReason: unknown = undefined;
  /** The current attempt: sends of another one are refused with `fence`. */
  epoch = 1;
  fence: unknown = undefined;
  private readonly edges: OutEdge[] = [];

  constructor(
    portNames: string[],
    assignments: OutputEdgeAssignment[],
    readonly nodeId: string,
  ) {
    const byPort = new Map<string, OutEdge[]>(portNames.map((n) => [n, []]));
    for (const a of assignments) {
      const list = byPort.get(a.port);
      if (!list) throw new Error(`Node "${nodeId}" has no output port "${a.port}" (edge "${a.edgeId}")`);
      const edge = new OutEdge(a.edgeId, a.port);
      list.push(edge);
      this.edges.push(edge);
    }
    for (const [name, list] of byPort) this.ports.set(name, new OutputPortImpl(name, list, this));
  }

  connect(targets: Record<string, string>): void {
    for (const edge of this.edges) {
      const target = targets[edge.id];
      if (target) edge.connect(target);
      else edge.dropped = true;
    }
  }

  closeAll(): Promise<void> {
    return Promise.all([...this.ports.values()].map((p) => p.close())).then(() => undefined);
  }

  abort(reason: unknown): void {
    this.abortReason = reason;
    for (const edge of this.edges) edge.abort(reason);
  }

  pause(): void {
    for (const edge of this.edges) edge.paused = true;
  }

  resume(): void {
    for (const edge of this.edges) {
      edge.paused = false;
      edge.wake();
    }
  }

  /** The node asked for more input: what it sent so far belongs to finished values. */
  mark(): void {
    for (const edge of this.edges) {
      edge.mark = edge.sent;
      edge.skip = 0;
    }
  }

  /** The attempt ended: its pending and later sends are refused with `reason`. */
  endAttempt(reason: unknown): void {
    this.epoch++;
    this.fence = reason;
    for (const port of this.ports.values()) port.tail = undefined;
    for (const edge of this.edges) edge.abort(reason);
  }

  /**
   * A retry starts from the failed attempt's last checkpoint: the values sent on each edge since then
   * are skipped when the retry sends them again.
   */
  rewind(): void {
    for (const edge of this.edges) edge.skip = edge.sent - edge.mark;
  }

  /**
   * Per output port with edges: how many values went out and the first VALUE_RECORD_LIMIT of them,
   * as its busiest edge carried them (every edge of a port carries the same values, unless a
   * receiver went away early).
   */
  firstValues(): Array<{ port: string; count: number; values: unknown[] }> {
    const out: Array<{ port: string; count: number; values: unknown[] }> = [];
    for (const port of this.ports.values()) {
      const edge = port.edges.reduce<OutEdge | undefined>(
        (a, e) => (a && a.sent >= e.sent ? a : e),
        undefined,
      );
      if (!edge) continue;
      const values = (JSON.parse(`[${edge.firstSent.join(',')}]`) as unknown[]).slice(0, VALUE_RECORD_LIMIT);
      out.push({ port: port.name, count: edge.sent, values });
    }
    return out;
  }

  counts(): EdgeCountReport[] {
    return this.edges.map((e) => e.report());
  }

  destroy(): void {
    for (const edge of this.edges) edge.destroy();
  }
}
