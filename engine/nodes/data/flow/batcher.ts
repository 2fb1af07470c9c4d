// The pure part of the batch node: batches per key, flushed when full or when their first value is
// older than the timeout. Time is passed in, so tests need no clock.

export interface BatcherOptions<T> {
  size: number;
  /** 0: no timeout. */
  timeoutMs: number;
  keyOf: (value: T) => string;
}

interface Open<T> {
  items: T[];
  startedAt: number;
}

export class Batcher<T> {
  private readonly open = new Map<string, Open<T>>();

  constructor(private readonly options: BatcherOptions<T>) {}

  /** Adds a value; returns the batch it completes, if any. */
  add(value: T, now: number): T[] | undefined {
    const key = this.options.keyOf(value);
    let batch = this.open.get(key);
    if (!batch) {
      batch = { items: [], startedAt: now };
      this.open.set(key, batch);
    }
    batch.items.push(value);
    if (batch.items.length < this.options.size) return undefined;
    this.open.delete(key);
    return batch.items;
  }

  /** When the oldest open batch times out; undefined when none is open or there is no timeout. */
  nextDeadline(): number | undefined {
    if (this.options.timeoutMs <= 0 || this.open.size === 0) return undefined;
    let first = Infinity;
    for (const b of this.open.values()) first = Math.min(first, b.startedAt);
    return first + this.options.timeoutMs;
  }

  takeExpired(now: number): T[][] {
    const out: T[][] = [];
    for (const [key, b] of this.open) {
      if (now - b.startedAt >= this.options.timeoutMs) {
        out.push(b.items);
        this.open.delete(key);
      }
    }
    return out;
  }

  takeAll(): T[][] {
    const out = [...this.open.values()].map((b) => b.items);
    this.open.clear();
    return out;
  }
}
