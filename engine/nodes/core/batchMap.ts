// The batch loop of core.map and core.filter: read whole batches (inputs.in.batches()), call the
// user's function on each value, send the results with one sendMany per batch. It keeps what the
// per-value loop guaranteed:
// - order, and the index `i` counting every value;
// - results computed before a failure are still sent (a retry resumes after the values taken, so
//   they would otherwise be lost);
// - an object the user's function returns is sent as it was when returned, even if the function
//   changes it later (a shared accumulator): with `snapshotObjects`, such results go out one by one
//   with `send`, which encodes at once; primitives (and filter's input values) are batched;
// - an async function's results are not held back while it awaits;
// - per value, a throw fails the node (onError 'fail'), is counted and skipped ('skip'), or goes to
//   the `error` port as { node, message, stack, input } ('error-port'; go-micro's Fallback).
import type { InputPort, Logger, OutputPort, ParamSpec, PortSpec } from '../../sdk/index.js';
import { isThenable } from './compile.js';

/** Returned by `pick` for a value that produces no output. */
export const NONE: unique symbol = Symbol('none');

export type OnError = 'fail' | 'skip' | 'error-port';

/** The `onError` parameter and the `error` port core.map and core.filter share. */
export const ON_ERROR_PARAM: ParamSpec & { key: string } = {
  key: 'onError',
  kind: 'choice',
  options: ['fail', 'skip', 'error-port'],
  label: 'When the code throws',
  description:
    'fail: the node fails (retries apply); skip: the value is dropped and counted; error-port: { node, message, stack, input } goes to the error output',
  default: 'fail',
};
export const ERROR_PORT: PortSpec = { name: 'error', type: 'json' };

/** What to do with a value whose call threw. */
export interface ItemErrors {
  mode: OnError;
  nodeId: string;
  port: OutputPort | undefined;
  log: Logger;
}

export async function mapBatches(
  input: InputPort,
  out: OutputPort,
  fn: (x: unknown, i: number) => unknown,
  pick: (x: unknown, result: unknown) => unknown,
  /** Send object results one by one, encoded at once (core.map: the user's function makes them). */
  snapshotObjects: boolean,
  errors?: ItemErrors,
): Promise<void> {
  const call = errors && errors.mode !== 'fail' ? guarded(fn, errors) : fn;
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
        let y = call(x, i++);
        if (isThenable(y)) {
          await flush();
          y = await y;
        }
        if (y === NONE) continue; // threw: skipped or sent to the error port
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
  if (errors && skipped.get(errors) !== undefined) {
    const n = skipped.get(errors) as number;
    errors.log.warn(`skipped ${n} value${n === 1 ? '' : 's'} whose code threw`);
  }
}

const skipped = new WeakMap<ItemErrors, number>();

/**
 * `fn` with its throws (and an async function's rejections) turned into NONE, after counting the
 * value (skip) or sending it to the error port.
 */
function guarded(
  fn: (x: unknown, i: number) => unknown,
  errors: ItemErrors,
): (x: unknown, i: number) => unknown {
  const onThrow = async (x: unknown, err: unknown): Promise<typeof NONE> => {
    if (errors.mode === 'skip' || !errors.port) {
      skipped.set(errors, (skipped.get(errors) ?? 0) + 1);
      return NONE;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    await errors.port.send({ node: errors.nodeId, message: e.message, stack: e.stack ?? '', input: x });
    return NONE;
  };
  return (x, i) => {
    try {
      const y = fn(x, i);
      return isThenable(y) ? Promise.resolve(y).catch((err: unknown) => onThrow(x, err)) : y;
    } catch (err) {
      return onThrow(x, err);
    }
  };
}
