// An error a host method reports to its caller: a message, plus the workflow problems when a run was
// refused because the graph is invalid. Pure: the service throws it, both host clients rebuild it.

import type { Problem } from '../model/problem.js';

/**
 * What kind of refusal, where it matters to a caller (REST maps it to a status): `not-found` (no such
 * run or file), `conflict` (the run is not in a state for this), `invalid` (the workflow has problems).
 */
export type HostErrorCode = 'not-found' | 'conflict' | 'invalid';

export class HostError extends Error {
  readonly problems: Problem[] | undefined;
  readonly code: HostErrorCode | undefined;

  constructor(message: string, problems?: Problem[], code?: HostErrorCode) {
    super(message);
    this.name = 'HostError';
    this.problems = problems;
    this.code = code ?? (problems ? 'invalid' : undefined);
  }
}

export interface WireError {
  message: string;
  problems?: Problem[];
  code?: HostErrorCode;
}

/** The wire form of any thrown value (HostResponse's `error`). */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const problems = (err as { problems?: unknown }).problems;
    const code = (err as { code?: unknown }).code;
    return {
      message: err.message,
      ...(Array.isArray(problems) ? { problems: problems as Problem[] } : {}),
      ...(code === 'not-found' || code === 'conflict' || code === 'invalid' ? { code } : {}),
    };
  }
  return { message: String(err) };
}
