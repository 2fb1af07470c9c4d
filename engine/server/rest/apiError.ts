// REST errors: `{error: {code, message, details}}` with the HTTP status their code stands for.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { toWireError } from '../../hostApi/errors.js';

export const ERROR_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'invalid-workflow': 422,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: ApiErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details !== undefined ? { details } : {}) } };
}

/** Any thrown value as the API's answer: a host error's kind picks the status. */
export function sendError(c: Context, err: unknown): Response {
  if (err instanceof ApiError)
    return c.json(errorBody(err.code, err.message, err.details), ERROR_STATUS[err.code]);
  const wire = toWireError(err);
  const code: ApiErrorCode =
    wire.code === 'not-found'
      ? 'not-found'
      : wire.code === 'conflict'
        ? 'conflict'
        : wire.code === 'invalid'
          ? 'invalid-workflow'
          : 'bad-request';
  return c.json(errorBody(code, wire.message, wire.problems), ERROR_STATUS[code]);
}
