// Compiles user JavaScript from a `code` parameter. The node already runs in its own process, so the
// code is isolated from the editor and from other nodes by the process boundary.

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** An async function of `names` whose body is `code`; syntax errors name the node. */
export function compileBody(
  nodeId: string,
  names: string[],
  code: string,
): (...args: unknown[]) => Promise<unknown> {
  try {
    return new AsyncFunction(...names, code);
  } catch (err) {
    throw new Error(`Node "${nodeId}": script does not compile: ${(err as Error).message}`, { cause: err });
  }
}

/** A function from an expression such as `(v) => v.kind`; syntax errors name the node. */
export function compileExpression<F>(nodeId: string, code: string): F {
  try {
    return new Function(`"use strict"; return (${code});`)() as F;
  } catch (err) {
    throw new Error(`Node "${nodeId}": expression does not compile: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
