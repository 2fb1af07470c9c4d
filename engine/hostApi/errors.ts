// An error a host method reports to its caller: a message, plus the workflow problems when a run was
// refused because the graph is invalid. Pure: the service throws it, both host clients rebuild it.

import type { Problem } from '../model/problem.js';

export class HostError extends Error {
  readonly problems: Problem[] | undefined;

  constructor(message: string, problems?: Problem[]) {
    super(message);
    this.name = 'HostError';
    this.problems = problems;
  }
}

/** The wire form of any thrown value (HostResponse's `error`). */
export function toWireError(err: unknown): { message: string; problems?: Problem[] } {
  if (err instanceof Error) {
    const problems = (err as { problems?: unknown }).problems;
    return Array.isArray(problems)
      ? { message: err.message, problems: problems as Problem[] }
      : { message: err.message };
  }
  return { message: String(err) };
}
