// The batch loop of core.map and core.filter: read whole batches (inputs.in.batches()), call the
// user's function on each value, send the results with one sendMany per batch. It keeps what the
// per-value loop guaranteed:
// - order, and the index `i` counting every value;
// - results computed before a failure are still sent (a retry resumes after the values taken, so
//   they would otherwise be lost);
// - an object the user's function returns is sent as it was when returned, even if the function
//   changes it later (a shared accumulator): with `snapshotObjects`, such results go out one by one
//   with `send`, which encodes at once; primitives (and filter's input values) are batched;
// - an async function's results are not held back while it awaits.
import type { InputPort, OutputPort } from '../../sdk/index.js';
import { isThenable } from './compile.js';

/** Returned by `pick` for a value that produces no output. */
export const NONE: unique symbol = Symbol('none');

export async function mapBatches(
  input: InputPort,
  out: OutputPort,
  fn: (x: unknown, i: number) => unknown,
  pick: (x: unknown, result: unknown) => unknown,
  /** Send object results one by one, encoded at once (core.map: the user's function makes them). */
  snapshotObjects: boolean,
): Promise<void> {
  let i = 0;
  for await (const batch of input.batches()) {
    let results: unknown[] = [];
    const flush = async (): Promise<void> => {
      if (results.length === 0) return;
      const r = results;
      results = [];
      await out.sendMany(r);
    };
    try {
      for (const x of batch) {
        let y = fn(x, i++);
        if (isThenable(y)) {
          await flush();
          y = await y;
        }
        const v = pick(x, y);
        if (v === NONE) continue;
        if (snapshotObjects && typeof v === 'object' && v !== null) {
          await flush();
          await out.send(v);
        } else results.push(v);
      }
    } catch (err) {
      await flush().catch(() => undefined);
      throw err;
    }
    await flush();
  }
}
