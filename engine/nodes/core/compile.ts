// Compiles the JavaScript of a `code` parameter inside the node's own process. Workflows run code:
// whoever can edit or send a workflow can run anything its node processes can (docs/runtime.md).
//   `x => x * 2`, `function (x, i) { … }`, `async x => …`  → used as the function
//   `x * 2`                                                  → an expression of `x` (value), `i` (index)

export type UserFunction = (x: unknown, i: number) => unknown;

export function compileUserFunction(code: string, where: string): UserFunction {
  const source = code.trim();
  if (source === '') throw new Error(`${where}: the code is empty`);
  try {
    const value: unknown = new Function(`"use strict"; return (${source});`)();
    if (typeof value === 'function') return value as UserFunction;
  } catch {
    // Not a function value on its own (e.g. it mentions `x`): compiled as an expression below.
  }
  try {
    return new Function('x', 'i', `"use strict"; return (${source});`) as UserFunction;
  } catch (err) {
    throw new Error(
      `${where}: the code does not compile: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
