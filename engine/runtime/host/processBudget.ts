// The process budget: a host never has more node processes of its runs alive than a limit sized to
// the machine. A run takes the processes of all its nodes at once (a streaming graph needs every node
// running together, so partial starts could deadlock), waiting in order of arrival until they are
// free; a run that needs more than the whole limit is refused. Idle pooled workers are not counted.

import os from 'node:os';

/** `SLUICE_MAX_PROCESSES`, else a quarter of the machine's memory at 64 MiB a process, 8 … 512. */
export function processLimit(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.SLUICE_MAX_PROCESSES);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(8, Math.min(512, Math.floor(os.totalmem() / 4 / (64 * 1024 * 1024))));
}

export class ProcessBudget {
  private inUse = 0;
  private readonly waiting: Array<{ n: number; resolve: () => void }> = [];

  constructor(readonly limit: number) {}

  /** Resolves with a release function once `n` processes are free; `n` must be ≤ the limit. */
  acquire(n: number): Promise<() => void> {
    if (n > this.limit) throw new RangeError(`${n} processes are more than the limit of ${this.limit}`);
    return new Promise((resolve) => {
      const grant = (): void => {
        this.inUse += n;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inUse -= n;
          this.next();
        });
      };
      if (this.waiting.length === 0 && this.inUse + n <= this.limit) grant();
      else this.waiting.push({ n, resolve: grant });
    });
  }

  get used(): number {
    return this.inUse;
  }

  private next(): void {
    // In order of arrival: a large run is not overtaken for ever by small ones.
    while (this.waiting.length > 0) {
      const first = this.waiting[0] as { n: number; resolve: () => void };
      if (this.inUse + first.n > this.limit) return;
      this.waiting.shift();
      first.resolve();
    }
  }
}

const budgets = new Map<number, ProcessBudget>();

/** The host's budget for a limit (one per limit, shared by every run of this process). */
export function budgetFor(limit: number): ProcessBudget {
  let b = budgets.get(limit);
  if (!b) budgets.set(limit, (b = new ProcessBudget(limit)));
  return b;
}
