import {
  ConflictError,
  CtsError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '@cts/core';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, RequestValidationError, UnauthorizedError } from './api-errors.ts';
import { toHttpError } from './http-status.ts';

describe('toHttpError', () => {
  it('maps client mistakes to 4xx with a code', () => {
    const cases: Array<[unknown, number, string]> = [
      [new RequestValidationError([{ field: 'name', rule: 'required' }]), 400, 'validation_failed'],
      [new ValidationError('api_type', 'not in matrix'), 400, 'validation_failed'],
      [new UnauthorizedError('no'), 401, 'unauthorized'],
      [new ForbiddenError('no'), 403, 'forbidden'],
      [new NotFoundError('connection', 'x'), 404, 'not_found'],
      [new InvalidTransitionError('disabled', 'pause'), 409, 'invalid_transition'],
      [new VersionConflictError('x', 1, 2), 409, 'version_conflict'],
      [new ConflictError('busy'), 409, 'conflict'],
      [new HTTPException(413), 413, 'payload_too_large'],
      [new HTTPException(400, { message: 'Malformed JSON in request body' }), 400, 'bad_request'],
      [new CtsError('limiter.queue_full', 'full'), 503, 'limiter.queue_full'],
      [new CtsError('rate_limited', 'slow down'), 429, 'rate_limited'],
    ];
    for (const [err, status, code] of cases) {
      const mapped = toHttpError(err);
      expect([mapped.status, mapped.code, mapped.expected]).toEqual([status, code, true]);
    }
  });

  it('keeps field and rule of validation errors', () => {
    const mapped = toHttpError(new ValidationError('connectionIds', 'at most 50 ids per batch'));
    expect(mapped).toMatchObject({ field: 'connectionIds', rule: 'at most 50 ids per batch' });
  });

  it('hides the message of unexpected errors behind a generic 500', () => {
    const mapped = toHttpError(new Error('db password=hunter2 failed'));
    expect(mapped.status).toBe(500);
    expect(mapped.expected).toBe(false);
    expect(mapped.message).not.toContain('hunter2');
  });
});
