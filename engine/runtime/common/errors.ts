// Error helpers shared by the worker and the host.
import type { ErrorInfo } from '../../model/run.js';

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) {
    const blame = (err as { blame?: unknown }).blame;
    return {
      message: err.message,
      ...(err.stack ? { stack: err.stack } : {}),
      ...(typeof blame === 'string' ? { blame } : {}),
    };
  }
  return { message: typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err)) };
}

/** Thrown into a node's pending reads and sends when the run is stopped. */
export class StoppedError extends Error {
  constructor() {
    super('The run was stopped');
    this.name = 'StoppedError';
  }
}
