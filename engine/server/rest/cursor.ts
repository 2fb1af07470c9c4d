// The paging cursor of `GET /runs`: the last run of a page (its start and id), opaque to clients.

import type { RunSummary } from '../../model/run.js';
import { ApiError } from './apiError.js';

export function encodeCursor(run: Pick<RunSummary, 'startedAt' | 'runId'>): string {
  return Buffer.from(JSON.stringify([run.startedAt, run.runId])).toString('base64url');
}

export function decodeCursor(cursor: string): { startedAt: number; runId: string } {
  try {
    const [startedAt, runId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof startedAt === 'number' &&
      Number.isSafeInteger(startedAt) &&
      typeof runId === 'string' &&
      runId
    )
      return { startedAt, runId };
  } catch {
    // falls through
  }
  throw new ApiError('bad-request', 'cursor is not one this API gave out (pass `nextCursor` as it is)');
}
