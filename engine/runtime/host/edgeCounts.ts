// Edge counts as the host merges them: `sent` from the sender (never below `received`), `received` the greater of what the
// receiver reports and what the sender last heard in a window, `full` when the sender waits. Changed
// edges are emitted together at most every TICK_MS as one `edge-counts` event. An edge the run joined
// through bypassed nodes is counted under each of the file's edges it stands for.

import type { EdgeCount } from '../../model/run.js';
import type { EdgeCountReport } from '../common/protocol.js';

const TICK_MS = 50;

export class EdgeCounts {
  private readonly counts = new Map<string, EdgeCount>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    edgeIds: Iterable<string>,
    private readonly emit: (counts: EdgeCount[]) => void,
    private readonly joined: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    for (const runEdge of edgeIds)
      for (const id of joined.get(runEdge) ?? [runEdge])
        this.counts.set(id, { edgeId: id, sent: 0, received: 0, full: false });
  }

  merge(reports: readonly EdgeCountReport[]): void {
    for (const r of reports) {
      for (const id of this.joined.get(r.edgeId) ?? [r.edgeId]) {
        const c = this.counts.get(id);
        if (!c) continue;
        if (r.sent !== undefined) c.sent = Math.max(c.sent, r.sent);
        if (r.received !== undefined) c.received = Math.max(c.received, r.received);
        if (r.full !== undefined) c.full = r.full;
        // What arrived was sent: a sender killed between two reports leaves its last `sent` behind
        // the receiver's count, and the edge must not read as more received than sent.
        if (c.received > c.sent) c.sent = c.received;
        this.dirty.add(id);
      }
    }
    this.timer ??= setTimeout(() => this.flush(), TICK_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const counts = [...this.dirty].map((id) => ({ ...(this.counts.get(id) as EdgeCount) }));
    this.dirty.clear();
    this.emit(counts);
  }

  get(edgeId: string): EdgeCount | undefined {
    return this.counts.get(edgeId);
  }
}
