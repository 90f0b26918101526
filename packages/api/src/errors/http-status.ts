/**
 * THE one place that maps error classes and codes to HTTP status and to the public error body.
 * Everything a client can cause is 4xx; only the unexpected is 500, and then nothing but a generic message leaves.
 */
import {
  ConflictError,
  CtsError,
  InvalidTransitionError,
  NotFoundError,
  QueueFullError,
  ValidationError,
  VersionConflictError,
} from '@cts/core';
import { HTTPException } from 'hono/http-exception';
import {
  ForbiddenError,
  RequestValidationError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './api-errors.ts';

export interface HttpError {
  status: number;
  code: string;
  message: string;
  field?: string;
  rule?: string;
  hint?: string;
  retryable?: boolean;
  /** Seconds to wait before retrying (the Retry-After header). */
  retryAfterS?: number;
  /** Every validation issue, when there were several checks (400). */
  issues?: Array<{ field: string; rule: string }>;
  /** False for 5xx we did not expect: the message is generic and the cause is only logged. */
  expected: boolean;
}

/**
 * Status for our CtsError codes when one reaches the edge (a balance call, a limiter refusal). Any other code,
 * `auth.*` included (the exchange refused the stored key, not the caller), is 502: the upstream failed.
 */
const CTS_STATUS: Record<string, number> = {
  rate_limited: 429,
  banned: 429,
  'limiter.queue_full': 503,
  'limiter.max_wait': 503,
  circuit_open: 409,
  timeout: 504,
  network: 502,
  'exchange.unavailable': 502,
  'exchange.bad_response': 502,
  'exchange.redirect': 502,
  exchange: 502,
  not_supported: 400,
  aborted: 503,
};

/** Maps anything thrown to a status and a body that carries nothing secret. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof RequestValidationError || err instanceof ValidationError)
    return {
      status: 400,
      code: 'validation_failed',
      message: err.message,
      field: err.field,
      rule: err.rule,
      issues: err instanceof RequestValidationError ? err.issues : [{ field: err.field, rule: err.rule }],
      expected: true,
    };
  if (err instanceof UnauthorizedError)
    return { status: 401, code: 'unauthorized', message: err.message, expected: true };
  if (err instanceof ForbiddenError)
    return { status: 403, code: 'forbidden', message: err.message, expected: true };
  if (err instanceof NotFoundError)
    return { status: 404, code: 'not_found', message: err.message, field: 'id', expected: true };
  if (err instanceof InvalidTransitionError)
    return { status: 409, code: 'invalid_transition', message: err.message, expected: true };
  if (err instanceof VersionConflictError)
    return {
      status: 409,
      code: 'version_conflict',
      message: err.message,
      field: 'version',
      expected: true,
    };
  if (err instanceof ConflictError)
    return { status: 409, code: 'conflict', message: err.message, expected: true };
  if (err instanceof QueueFullError)
    return {
      status: 429,
      code: 'queue_full',
      message: err.message,
      retryable: true,
      retryAfterS: Math.ceil(err.retryAfterMs / 1000),
      expected: true,
    };
  if (err instanceof UnsupportedMediaTypeError)
    return { status: 415, code: 'unsupported_media_type', message: err.message, expected: true };
  if (err instanceof CtsError && err.code !== 'internal')
    return {
      status: CTS_STATUS[err.code] ?? 502,
      code: err.code,
      message: err.message,
      hint: err.hint,
      retryable: err.retryable,
      expected: true,
    };
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413)
      return { status, code: 'payload_too_large', message: 'The request body is too large', expected: true };
    if (status < 500)
      return {
        status,
        code: status === 400 ? 'bad_request' : 'http_error',
        message: err.message || 'Bad request',
        expected: true,
      };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'An unexpected error occurred; quote the request id when reporting it',
    expected: false,
  };
}
