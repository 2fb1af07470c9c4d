// What a node has taken from one input port but not finished with, kept so that a retry gets it
// again (docs/runtime.md "Retries"). Values are kept as the frame text they arrived in (a range of
// indices into the frame's JSON array), not as the objects handed to the node: the node may have
// changed those, the retry must see them as they came.

export interface Held<E> {
  /** The edge the values came by (replayed values give no credit back: they were counted once). */
  edge: E;
  /** The DATA frame's payload: a JSON array. */
  raw: Buffer;
  /** Indices into that array: [start, end). */
  start: number;
  end: number;
  seq: number;
}

/** An arrived (or replayed) batch as the input queue keeps it. */
export interface QueueEntry<E> {
  edge: E;
  values: unknown[];
  raw: Buffer;
  /** Index of `values[0]` in the frame's array. */
  base: number;
  /** Taken once already by a failed attempt: taking it again grants no credit. */
  replay: boolean;
  /** Characters of the values' JSON, and how many were credited back so far. */
  chars: number;
  charsGiven: number;
}

export class HeldValues<E> {
  /** Taken by next(), iteration or batches(): done when the node asks this port for more. */
  private stream: Held<E>[] = [];
  /** Taken by all(): done when `run` returns. */
  private whole: Held<E>[] = [];
  private seq = 0;

  get hasStream(): boolean {
    return this.stream.length > 0;
  }

  hold(entry: QueueEntry<E>, from: number, count: number, whole: boolean): void {
    const list = whole ? this.whole : this.stream;
    const start = entry.base + from;
    const last = list[list.length - 1];
    // Contiguous with the last range of the same frame: nothing was taken in between.
    if (last && last.raw === entry.raw && last.end === start) last.end = start + count;
    else list.push({ edge: entry.edge, raw: entry.raw, start, end: start + count, seq: ++this.seq });
  }

  /** The node asked for more: what it took in streaming mode is done. */
  checkpoint(): void {
    this.stream.length = 0;
  }

  /** Everything held, in the order it was taken, as queue entries to deliver again; then forgets it. */
  rewind(): QueueEntry<E>[] {
    const held = this.whole.concat(this.stream).sort((a, b) => a.seq - b.seq);
    this.whole = [];
    this.stream = [];
    const parsed = new Map<Buffer, unknown[]>();
    return held.map((h) => {
      let all = parsed.get(h.raw);
      if (!all) parsed.set(h.raw, (all = JSON.parse(h.raw.toString('utf8')) as unknown[]));
      const values = all.slice(h.start, h.end);
      return { edge: h.edge, values, raw: h.raw, base: h.start, replay: true, chars: 0, charsGiven: 0 };
    });
  }
}
